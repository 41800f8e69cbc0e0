"""Who raised a bottleneck: named only to that person and their own team (colleagues who can
follow it up); the responsible body, analysts, viewers, administrators, other teams, the export
and the API read "de melder" and the team. A knelpunt page used to show every viewer the
raiser's full name, while the API documentation promised it never did."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.api.tests.conftest import bearer_client, token_for
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status

from .conftest import Routed

NAME = "Fenna Raaijmakers"

# persona → sees the raiser's name
PAGE_MATRIX = {
    "professional": True,  # the raiser
    "coordinator": True,  # the raising team
    "outsider": False,  # another team of the region
    "expert": False,
    "analyst": False,  # the regional body's handler, and an aggregate role
    "viewer": False,  # national executive
    "admin": False,
    "handler": False,  # acts for the body the bottleneck is with
}


@pytest.fixture
def raised(routed: Routed) -> Bottleneck:
    world = routed.world
    raiser = world.user("professional")
    raiser.first_name, raiser.last_name = "Fenna", "Raaijmakers"
    raiser.save()
    draft = actions.Draft(
        region=world.north,
        category=Category.FINANCING,
        title="Twee gemeenten betalen de pleegzorg niet",
        municipality=world.team_a.municipality,
        team=world.team_a,
    )
    bottleneck = actions.raise_bottleneck(raiser, draft)
    actions.add_comment(raiser, bottleneck, "Het speelt bij drie gezinnen")
    actions.transition(routed.handler, bottleneck, Status.SOLVED, "Afspraak gemaakt")
    actions.transition(raiser, bottleneck, Status.REOPENED, "Nog niet geregeld")
    return bottleneck


def _client(routed: Routed, persona: str) -> Client:
    user = {"handler": routed.handler}.get(persona) or routed.world.user(persona)
    return log_in(Client(), user)


@pytest.mark.parametrize("persona", PAGE_MATRIX)
def test_the_raisers_name_is_shown_to_them_and_their_team_only(
    routed: Routed, raised: Bottleneck, persona: str
) -> None:
    page = _client(routed, persona).get(reverse("bottlenecks:detail", kwargs={"pk": raised.pk}))

    assert page.status_code == 200
    html = page.content.decode()
    assert (NAME in html) == PAGE_MATRIX[persona]
    assert "Raaijmakers" in html or "de melder" in html
    assert "Wijkteam A" in html  # the team may be known to all who see the board
    if not PAGE_MATRIX[persona]:
        # the report, the comment and the reopening: each says "de melder", none the name
        assert html.count("de melder") == 3


def test_the_export_names_the_team_never_the_person(routed: Routed, raised: Bottleneck) -> None:
    for persona in ("analyst", "professional"):
        response = _client(routed, persona).get(
            reverse("bottlenecks:export", kwargs={"fmt": "csv"})
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][-1] == "Gemeld vanuit"
        assert rows[1][-1] == "Wijkteam A"
        assert "Raaijmakers" not in response.content.decode("utf-8-sig")


def test_the_api_names_the_team_never_the_person_even_to_the_raiser(
    routed: Routed, raised: Bottleneck
) -> None:
    for user in (routed.world.user("professional"), routed.world.user("analyst"), routed.handler):
        client = bearer_client(token_for(user))
        one = client.get(reverse("api:bottleneck_detail", kwargs={"id": raised.pk}))
        steps = client.get(reverse("api:bottleneck_moves", kwargs={"id": raised.pk}))
        assert one.status_code == steps.status_code == 200
        assert one.json()["gemeldVanuit"] == "Wijkteam A"
        for answer in (one, steps):
            assert "Raaijmakers" not in answer.content.decode()
            assert "Fenna" not in answer.content.decode()


def test_the_openapi_document_says_the_api_never_names_the_raiser(client: Client) -> None:
    document = client.get(reverse("api:openapi_json")).json()
    bottleneck = document["components"]["schemas"]["Bottleneck"]
    assert "never the person" in bottleneck["properties"]["gemeldVanuit"]["description"]
    one = document["paths"]["/knelpunten/{id}"]["get"]
    assert "Who raised a bottleneck is never in the API" in one["description"]
