"""The knelpunten on a zero goal's O-plaat: the open ones with the body that holds the mandate
and their status, and how many were raised from a case, "< 5" when few. Nobody reads a case
reference there, whoever they are."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status

from .conftest import Routed


def _raise(routed: Routed, title: str, goals: tuple[str, ...], *, from_case: bool = False):
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=Category.NO_SUITABLE_CARE,
        title=title,
        municipality=world.team_a.municipality,
        team=world.team_a,
        zero_goals=goals,
    )
    case = world.case_a if from_case else None
    return actions.raise_bottleneck(world.user("professional"), draft, case=case)


def _plate(routed: Routed, who: str) -> str:
    user = {"handler": routed.handler}.get(who) or routed.world.user(who)
    client = log_in(Client(), user)
    url = reverse("indicators:plate", kwargs={"code": "separaties"})
    # The body's handler, an analyst of one municipality, sees the O-plaat of that municipality.
    query = "" if who == "handler" else f"?plaats=regio-{routed.world.north.pk}"
    response = client.get(f"{url}{query}")
    assert response.status_code == 200, who
    return response.content.decode()


def test_open_knelpunten_of_the_goal_with_the_body_and_status(routed: Routed) -> None:
    linked = _raise(routed, "Geen plek zonder separeerruimte", ("separaties",))
    _raise(routed, "Wachtlijst gesloten jeugdzorg", ("gesloten",))
    solved = _raise(routed, "Opgelost knelpunt over separaties", ("separaties",))
    Bottleneck.objects.filter(pk=solved.pk).update(status=Status.SOLVED)

    page = _plate(routed, "analyst")

    assert linked.title in page and "Jeugdregio Noord, inkoop" in page
    assert "Gemeld" in page  # the status
    assert "Wachtlijst gesloten jeugdzorg" not in page  # another zero goal
    assert "Opgelost knelpunt" not in page  # not open


def test_raised_from_cases_is_a_protected_count_without_the_case(routed: Routed) -> None:
    for number in range(2):
        _raise(routed, f"Separatie bij gebrek aan plek {number}", ("separaties",), from_case=True)
    reference = routed.world.case_a.reference
    for who in ("professional", "coordinator", "analyst", "viewer", "handler"):
        page = _plate(routed, who)
        assert reference not in page, who
        assert "Knelpunten gemeld vanuit een casus voor dit nuldoel: <strong>&lt; 5</strong>" in (
            page
        ), who
    for number in range(3):
        _raise(routed, f"Nog een separatie {number}", ("separaties",), from_case=True)
    page = _plate(routed, "analyst")
    assert "vanuit een casus voor dit nuldoel: <strong>5</strong>" in page
    assert reference not in page


def test_the_plate_says_whether_good_enough_is_reached(routed: Routed) -> None:
    from elkedagbeter.indicators.models import RegionalAmbition

    page = _plate(routed, "analyst")
    assert "geen drempel" in page
    RegionalAmbition.objects.create(
        region=routed.world.north, zero_goal="separaties", good_enough=10
    )
    page = _plate(routed, "analyst")
    assert "Goed genoeg bereikt?" in page and ">bereikt<" in page
