""" "Wat is er met mijn signaal gebeurd?": each user sees what became of their own signals, the
case behind a knelpunt only while they may work on it, and an unread count in the header that
rises when someone else moves a signal and drops to zero once they open the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import World, log_in
from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.cases.models import Case
from elkedagbeter.reviews import actions as review_actions
from elkedagbeter.reviews.models import Population
from elkedagbeter.reviews.tests.factories import import_rows, new_round, request_for, second_expert

pytestmark = pytest.mark.django_db
URL = "/mijn-signalen/"


@pytest.fixture
def body(world: World) -> ResponsibleBody:
    """The region's coordinator, handled by the analyst: every knelpunt here lands with it."""
    found = ResponsibleBody.objects.create(
        name="Knelpuntencoördinator Noord",
        level=Level.REGION,
        region=world.north,
        is_region_coordinator=True,
        contact_email="knelpunten@noord.nl",
    )
    found.handlers.add(world.user("analyst"))
    return found


def _raise(world: World, persona: str, title: str, case: Case | None = None) -> Bottleneck:
    user = world.user(persona)
    team = world.team_b if persona == "outsider" else world.team_a
    draft = actions.Draft(
        region=world.north,
        category=Category.WAITING,
        title=title,
        level=Level.REGION,
        municipality=team.municipality,
        team=team if persona in {"professional", "coordinator", "outsider"} else None,
    )
    return actions.raise_bottleneck(user, draft, case=case)


def _page(client: Client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _unread(page: str) -> int:
    header = page.split('id="my-signals"')[1].split("</a>")[0]
    found = re.search(r'class="edb-badge"[^>]*>(\d+)<', header)
    return int(found.group(1)) if found else 0


def test_a_professional_sees_their_own_knelpunten_and_never_another_teams_case(
    world: World, body: ResponsibleBody
) -> None:
    _raise(world, "professional", "Wachtlijst pleegzorg te lang")
    _raise(world, "professional", "Geen plek in de crisisopvang", case=world.case_a)
    _raise(world, "outsider", "Vervoer naar school ontbreekt", case=world.case_b)
    # Raised from a case of a team the professional no longer works in.
    moved = _raise(world, "professional", "Overdracht liep vast")
    Bottleneck.objects.filter(pk=moved.pk).update(case=world.case_b)

    page = _page(log_in(Client(), world.user("professional")))

    assert "Wat is er met mijn signaal gebeurd?" in page
    assert "Wachtlijst pleegzorg te lang" in page
    assert "Geen plek in de crisisopvang" in page
    assert "Knelpuntencoördinator Noord" in page  # the body with the mandate
    assert world.case_a.reference in page
    assert "Overdracht liep vast" in page
    assert world.case_b.reference not in page
    assert "Vervoer naar school ontbreekt" not in page


def test_the_body_and_aggregate_roles_see_no_case_of_a_knelpunt(
    world: World, body: ResponsibleBody
) -> None:
    _raise(world, "professional", "Geen plek in de crisisopvang", case=world.case_a)

    for persona in ("analyst", "viewer"):
        page = _page(log_in(Client(), world.user(persona)))
        assert world.case_a.reference not in page
        assert "Geen plek in de crisisopvang" not in page
        assert "U heeft nog geen signaal gegeven." in page


def test_the_unread_count_rises_on_a_status_change_and_drops_after_reading(
    world: World, body: ResponsibleBody
) -> None:
    bottleneck = _raise(world, "professional", "Wachtlijst pleegzorg te lang")
    client = log_in(Client(), world.user("professional"))
    _page(client)
    assert _unread(_page(client, "/")) == 0  # raising it yourself is no news

    actions.transition(world.user("analyst"), bottleneck, Status.IN_PROGRESS)

    assert _unread(_page(client, "/")) == 1
    page = _page(client)
    assert "In behandeling" in page
    assert 'class="edb-badge">nieuw<' in page
    assert _unread(_page(client, "/")) == 0
    assert 'class="edb-badge">nieuw<' not in _page(client)


def test_a_reviewer_follows_the_round_and_the_knelpunt_from_its_conclusion(
    world: World, body: ResponsibleBody
) -> None:
    expert = world.user("expert")
    round_ = new_round(
        expert,
        world.expert_team,
        [expert, second_expert(world.expert_team)],
        population=Population.IMPORTED,
        title="Plaatsingen 2025",
    )
    import_rows(expert, round_, [{"bron_id": f"D{n}"} for n in range(4)])
    review_actions.draw_sample(request_for(expert), round_)
    conclusion = review_actions.add_conclusion(
        request_for(expert),
        round_,
        text="Een analyse ontbrak vaak bij de start van de hulp.",
        raise_bottleneck=True,
        bottleneck_category=Category.WAITING,
        bottleneck_title="Analyse ontbreekt bij de start",
    )
    assert conclusion.bottleneck is not None
    client = log_in(Client(), expert)
    _page(client)

    actions.transition(world.user("analyst"), conclusion.bottleneck, Status.IN_PROGRESS)

    home = _page(client, "/")
    assert _unread(home) == 2  # the knelpunt they raised, and the round it came from
    page = _page(client)
    assert "Plaatsingen 2025" in page
    assert "Een analyse ontbrak vaak bij de start van de hulp." in page
    assert "Analyse ontbreekt bij de start" in page
    assert f"/dossierreviews/{round_.pk}/bevindingen/" in page
    # The colleague in another team sees nothing of it.
    assert "Plaatsingen 2025" not in _page(log_in(Client(), world.user("coordinator")))


def test_the_raiser_can_ask_for_an_email_when_a_knelpunt_changes(
    world: World, body: ResponsibleBody, django_capture_on_commit_callbacks: Any
) -> None:
    professional: User = world.user("professional")
    professional.email = "prof@wijkteam-a.nl"
    professional.save()
    bottleneck = _raise(world, "professional", "Geen plek in de crisisopvang", case=world.case_a)
    client = log_in(Client(), professional)
    response = client.post("/mijn-signalen/e-mail/", {"mail": "1"})
    assert response.status_code == 302
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(world.user("analyst"), bottleneck, Status.IN_PROGRESS)

    to_raiser = [m for m in mail.outbox if m.to == ["prof@wijkteam-a.nl"]]
    assert len(to_raiser) == 1
    assert bottleneck.number in to_raiser[0].subject
    assert world.case_a.reference not in to_raiser[0].body
    assert "\nNieuwe status: in behandeling (Knelpuntencoördinator Noord)." in to_raiser[0].body
    assert "/mijn-signalen/" in to_raiser[0].body
    # Once they opt out, status changes are not mailed; only the closing, which is always told
    # to the raiser with what was decided (bottlenecks.actions), still arrives.
    client.post("/mijn-signalen/e-mail/", {"mail": "0"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(world.user("analyst"), bottleneck, Status.NOT_SOLVABLE, "Geen plek")
    to_raiser = [m for m in mail.outbox if m.to == ["prof@wijkteam-a.nl"]]
    assert len(to_raiser) == 1
    assert "Nieuwe status:" not in to_raiser[0].body
