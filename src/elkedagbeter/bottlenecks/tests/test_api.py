"""The bottleneck endpoints: raise, read, take steps, with the same rules as the pages."""

from __future__ import annotations

from django.urls import reverse

from elkedagbeter.api.tests.conftest import bearer_client, post_json, token_for
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status

from .conftest import Routed


def test_raise_read_and_resolve_through_the_api(routed: Routed) -> None:
    world = routed.world
    professional = bearer_client(token_for(world.user("professional")))
    created = post_json(
        professional,
        reverse("api:bottleneck_list"),
        {
            "categorie": Category.FINANCING,
            "titel": "Piet Pietersen valt tussen twee gemeenten",
            "toelichting": "Niemand betaalt.",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["instantie"]["naam"] == "Gemeente Aa, team Jeugd"
    assert body["status"] == Status.REPORTED
    assert "Pietersen" not in body["titel"]
    assert "casus" not in body and "gemeldDoor" not in body
    bottleneck = Bottleneck.objects.get()
    assert bottleneck.raised_by_team == world.team_a

    handler = bearer_client(token_for(routed.handler))
    moves = reverse("api:bottleneck_moves", kwargs={"id": bottleneck.pk})
    refused = post_json(professional, moves, {"status": Status.IN_PROGRESS})
    assert refused.status_code == 403
    unexplained = post_json(handler, moves, {"status": Status.SOLVED})
    assert unexplained.status_code == 400
    assert unexplained.json()["invalidParams"][0]["name"] == "toelichting"
    illegal = post_json(handler, moves, {"status": Status.REOPENED, "toelichting": "x"})
    assert illegal.status_code == 400  # not possible now
    solved = post_json(handler, moves, {"status": Status.SOLVED, "toelichting": "Afspraak"})
    assert solved.status_code == 201
    history = professional.get(moves).json()["_embedded"]["statuswijzigingen"]
    assert [(row["van"], row["status"]) for row in history] == [
        ("", Status.REPORTED),
        (Status.REPORTED, Status.SOLVED),
    ]
    assert history[1]["namens"] == "Gemeente Aa, team Jeugd"
    listed = professional.get(reverse("api:bottleneck_list") + "?status=opgelost").json()
    assert [item["id"] for item in listed["_embedded"]["knelpunten"]] == [bottleneck.pk]


def test_an_analyst_names_the_place(routed: Routed) -> None:
    analyst = bearer_client(token_for(routed.world.user("analyst")))
    url = reverse("api:bottleneck_list")
    data = {"categorie": Category.WAITING, "titel": "Wachtlijst"}
    missing = post_json(analyst, url, data)
    assert missing.status_code == 400
    assert missing.json()["invalidParams"][0]["name"] == "plaats"
    created = post_json(analyst, url, {**data, "plaats": f"regio-{routed.world.north.pk}"})
    assert created.status_code == 201
    assert created.json()["gemeente"] is None
