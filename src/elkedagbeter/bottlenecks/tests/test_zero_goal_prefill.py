""" "Knelpunt melden" from a case arrives with the category and zero goals that fit: one test
per rule of ``bottlenecks.zero_goals.derive``, and the page that uses it."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.bottlenecks.models import Category
from elkedagbeter.bottlenecks.zero_goals import CaseFacts, EventFact, derive
from elkedagbeter.cases.models import Event, EventKind, LegalBasis, ResidenceType

from .conftest import Routed

TODAY = date(2026, 6, 1)
NORM = 42


def _derive(*events: EventFact, analyses: tuple[date, ...] = (date(2020, 1, 1),), starts=()):
    return derive(
        CaseFacts(list(events), list(analyses), list(starts)), today=TODAY, norm_days=NORM
    )


def test_nothing_on_the_timeline_suggests_nothing() -> None:
    assert _derive() == _derive()
    assert (_derive().category, _derive().zero_goals) == ("", [])


def test_a_seclusion_touches_zero_seclusions() -> None:
    found = _derive(EventFact(EventKind.SECLUSION, date(2026, 3, 1)))
    assert found.zero_goals == ["separaties"]
    assert found.category == Category.NO_SUITABLE_CARE


def test_a_third_transfer_within_twelve_months_touches_zero_transfers() -> None:
    def transfer(day: date, youth: int = 1) -> EventFact:
        return EventFact(EventKind.TRANSFER, day, youth=youth)

    two = [transfer(date(2025, 9, 1)), transfer(date(2026, 1, 1))]
    assert _derive(*two).zero_goals == []
    assert _derive(*two, transfer(date(2026, 5, 1))).zero_goals == ["overplaatsingen"]
    # Three transfers spread over more than a year do not count, nor three of different youths.
    spread_out = [
        transfer(date(2024, 1, 1)),
        transfer(date(2025, 1, 2)),
        transfer(date(2026, 1, 3)),
    ]
    assert _derive(*spread_out).zero_goals == []
    others = [transfer(date(2026, month, 1), youth=month) for month in (1, 2, 3)]
    assert _derive(*others).zero_goals == []


def test_a_closed_placement_touches_zero_closed_placements() -> None:
    closed = EventFact(EventKind.PLACEMENT, date(2026, 2, 1), residence_type=ResidenceType.CLOSED)
    assert _derive(closed).zero_goals == ["gesloten"]


def test_a_placement_with_a_court_order_touches_zero_forced_placements() -> None:
    forced = EventFact(
        EventKind.PLACEMENT,
        date(2026, 2, 1),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.PLACEMENT_ORDER,
    )
    voluntary = EventFact(
        EventKind.PLACEMENT,
        date(2026, 2, 1),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
    )
    assert _derive(forced).zero_goals == ["gedwongen_uhp"]
    assert _derive(voluntary).zero_goals == []


def test_a_voluntary_placement_the_youth_did_not_agree_to_touches_zero_forced_placements() -> None:
    against_will = EventFact(
        EventKind.PLACEMENT,
        date(2026, 2, 1),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
        against_will=True,
    )
    assert _derive(against_will).zero_goals == ["gedwongen_uhp"]


def test_help_started_before_any_analysis_touches_zero_without_analysis() -> None:
    assert _derive(analyses=(), starts=(date(2026, 1, 5),)).zero_goals == ["zonder_analyse"]
    late = (date(2026, 2, 1),)
    assert _derive(analyses=late, starts=(date(2026, 1, 5),)).zero_goals == ["zonder_analyse"]
    assert _derive(analyses=late, starts=(date(2026, 3, 1),)).zero_goals == []
    placement = EventFact(EventKind.PLACEMENT, date(2026, 1, 10), residence_type="11")
    assert _derive(placement, analyses=late).zero_goals == ["zonder_analyse"]


def test_a_handover_touches_zero_handovers_and_suggests_cooperation() -> None:
    found = _derive(EventFact(EventKind.HANDOVER, date(2026, 4, 1)))
    assert (found.category, found.zero_goals) == (Category.COOPERATION, ["overdrachten"])


def test_a_wait_over_the_norm_suggests_the_waiting_category() -> None:
    start = date(2026, 1, 1)
    short = EventFact(EventKind.WAITING_START, start, ended_on=start + timedelta(days=NORM))
    long = EventFact(EventKind.WAITING_START, start, ended_on=start + timedelta(days=NORM + 1))
    assert _derive(short).category == ""
    assert _derive(long).category == Category.WAITING
    # An open wait counts up to today; a start and a separate end count as one wait.
    assert _derive(EventFact(EventKind.WAITING_START, start)).category == Category.WAITING
    ended = EventFact(EventKind.WAITING_END, start + timedelta(days=10))
    assert _derive(EventFact(EventKind.WAITING_START, start), ended).category == ""
    # Waiting beats the care category when both fit.
    seclusion = EventFact(EventKind.SECLUSION, start)
    assert _derive(long, seclusion).category == Category.WAITING


def test_the_case_page_link_arrives_prefilled_from_the_timeline(routed: Routed) -> None:
    world = routed.world
    case = world.case_a
    Event.objects.create(
        case=case,
        kind=EventKind.SECLUSION,
        started_on=date(2026, 1, 3),
        duration_minutes=30,
        place="De Hoeve",
    )
    professional = log_in(Client(), world.user("professional"))
    url = reverse("bottlenecks:from_case", kwargs={"reference": case.reference})
    page = professional.get(url)
    assert page.status_code == 200
    initial = page.context["form"].initial
    assert initial["category"] == Category.NO_SUITABLE_CARE
    assert "separaties" in initial["zero_goals"]
    box = page.content.decode().split('value="separaties"')[1].split(">")[0]
    assert "checked" in box
