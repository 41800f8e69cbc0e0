"""Continuity (issue 18 part 4) against a small data set computed by hand: a youth whose case
moved to another team, work recorded on the first and last day of the twelve months, an
involvement that ended just inside them, and a case not yet open for twelve whole months."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.cases.models import (
    Case,
    CaseTransfer,
    Event,
    EventKind,
    FormTiming,
    HouseholdMember,
    Involvement,
    InvolvementMode,
    MemberRole,
    Party,
    PlanVersion,
    TransferKind,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.continuity import latest, window_start
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.places import Level, Place
from elkedagbeter.indicators.selectors import indicator_views
from elkedagbeter.organisations.models import Membership, Role, Team
from elkedagbeter.organisations.tests.factories import TeamFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 23)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _figure(code: str, kind: str, start: date, team: Team) -> tuple[int, int] | None:
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind=kind, period_start=start, team=team
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def test_the_twelve_months_end_on_the_day_measured() -> None:
    assert window_start(date(2026, 6, 30)) == date(2025, 7, 1)
    assert window_start(date(2026, 5, 31)) == date(2025, 6, 1)
    assert window_start(date(2024, 2, 29)) == date(2023, 3, 1)


@pytest.fixture
def moved(world: World) -> tuple[Case, Team, Team]:
    """A household of two youths, opened 10 January 2025 with team C, transferred to team E on
    15 February 2026. Its casusregisseur is ``professional``.

    Who worked on it: the coordinator recorded an event on 30 June 2025, the expert saved a form
    on 1 June 2025, the outsider wrote a plan on 1 March 2026; a school was involved from 1 March
    to 15 June 2025 (the family's own involvement does not count)."""
    first = world.team_c
    second = TeamFactory(municipality=first.municipality, name="Wijkteam E")
    users = world.users
    case = Case.objects.create(
        team=second, opened_on=date(2025, 1, 10), case_manager=users["professional"]
    )
    for _ in range(2):
        HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2012)
    CaseTransfer.objects.create(
        case=case,
        kind=TransferKind.TRANSFER,
        from_team=first,
        to_team=second,
        consent_on=date(2026, 2, 15),
        created_at=_at(date(2026, 2, 15)),
    )
    Event.objects.create(
        case=case,
        kind=EventKind.RUNAWAY,
        started_on=date(2025, 6, 30),
        created_by=users["coordinator"],
        created_at=_at(date(2025, 6, 30)),
    )
    FormTiming.objects.create(
        user=users["expert"],
        case=case,
        form="moment",
        seconds=60,
        changed_inputs=1,
        saved_at=_at(date(2025, 6, 1)),
    )
    PlanVersion.objects.create(
        case=case,
        number=1,
        text="Plan",
        created_by=users["outsider"],
        created_at=_at(date(2026, 3, 1)),
    )
    for party, until in ((Party.SCHOOL, date(2025, 6, 15)), (Party.FAMILY, None)):
        Involvement.objects.create(
            case=case,
            party=party,
            mode=InvolvementMode.INVOLVED,
            started_on=date(2025, 3, 1),
            ended_on=until,
        )
    return case, first, second


def test_professionals_and_organisations_per_youth(moved: tuple[Case, Team, Team]) -> None:
    _case, first, second = moved
    facts.rebuild(today=TODAY)

    # 31 January 2026 (from 1 February 2025), with team C: the casusregisseur, the coordinator,
    # the expert and the school; team C and the school. Two youths: twice.
    assert _figure("hulpverleners_12m", "maand", date(2026, 1, 1), first) == (8, 2)
    assert _figure("organisaties_12m", "maand", date(2026, 1, 1), first) == (4, 2)
    assert _figure("drie_hulpverleners", "maand", date(2026, 1, 1), first) == (2, 2)
    # 31 May 2026 (from 1 June 2025, the day the expert saved a form), with team E: five
    # professionals (the outsider's plan too); teams C and E and the school.
    assert _figure("hulpverleners_12m", "maand", date(2026, 5, 1), second) == (10, 2)
    assert _figure("organisaties_12m", "maand", date(2026, 5, 1), second) == (6, 2)
    # 30 June 2026 (from 1 July 2025): the expert, the coordinator (30 June 2025) and the school
    # (until 15 June 2025) fall out; the casusregisseur and the outsider stay.
    assert _figure("hulpverleners_12m", "maand", date(2026, 6, 1), second) == (4, 2)
    assert _figure("organisaties_12m", "maand", date(2026, 6, 1), second) == (4, 2)
    assert _figure("drie_hulpverleners", "maand", date(2026, 6, 1), second) == (0, 2)
    # Nothing for a team that did not hold the case on the day measured.
    assert _figure("hulpverleners_12m", "maand", date(2026, 6, 1), first) is None


def test_a_period_shows_the_last_measurement_in_it(moved: tuple[Case, Team, Team]) -> None:
    _case, first, second = moved
    facts.rebuild(today=TODAY)

    # First quarter of 2026: team C measured on 31 January only; team E on 28 February and
    # 31 March, and shows 31 March (from 1 April 2025): five professionals.
    assert _figure("hulpverleners_12m", "kwartaal", date(2026, 1, 1), first) == (8, 2)
    assert _figure("hulpverleners_12m", "kwartaal", date(2026, 1, 1), second) == (10, 2)
    # 2026 for team E: today, 23 November (from 24 November 2025): two.
    assert _figure("hulpverleners_12m", "jaar", date(2026, 1, 1), second) == (4, 2)


def test_one_trusted_person_needs_twelve_whole_months_without_a_move(
    moved: tuple[Case, Team, Team],
) -> None:
    _case, first, second = moved
    facts.rebuild(today=TODAY)

    # 31 December 2025: the twelve months start on 1 January 2025, before the case opened.
    assert _figure("vaste_hulpverlener", "maand", date(2025, 12, 1), first) is None
    # 31 January 2026: open since before 1 February 2025, same casusregisseur, no move.
    assert _figure("vaste_hulpverlener", "maand", date(2026, 1, 1), first) == (2, 2)
    # After the transfer of 15 February 2026, for twelve months: not.
    assert _figure("vaste_hulpverlener", "maand", date(2026, 6, 1), second) == (0, 2)


def test_a_handover_breaks_the_one_trusted_person(moved: tuple[Case, Team, Team]) -> None:
    case, first, _second = moved
    Event.objects.create(case=case, kind=EventKind.HANDOVER, started_on=date(2025, 2, 1))
    facts.rebuild(today=TODAY)

    # 1 February 2025 is the first day of the twelve months up to 31 January 2026.
    assert _figure("vaste_hulpverlener", "maand", date(2026, 1, 1), first) == (0, 2)


def test_the_case_page_figure_is_the_last_twelve_months(moved: tuple[Case, Team, Team]) -> None:
    case, _first, _second = moved
    data = facts.case_data(case)
    data.today = TODAY
    measured = latest(data)

    assert measured is not None
    # From 24 November 2025: the casusregisseur and the outsider; teams C and E.
    assert (measured.day, measured.professionals, measured.organisations) == (TODAY, 2, 2)


def _shown(team: Team, month: date) -> dict[str, str]:
    place = Place(
        Level.TEAM,
        team.pk,
        team.name,
        region_id=team.region_id,
        municipality_id=team.municipality_id,
    )
    views = indicator_views(place, PeriodKind.MONTH, Period.containing(PeriodKind.MONTH, month))
    return {view.indicator.code: str(view.current) for view in views}


def test_figures_of_fewer_than_five_youths_are_hidden(moved: tuple[Case, Team, Team]) -> None:
    case, _first, second = moved
    facts.rebuild(today=TODAY)
    shown = _shown(second, date(2026, 5, 1))
    for code in ("hulpverleners_12m", "organisaties_12m", "drie_hulpverleners"):
        assert shown[code] == "< 5", code

    for _ in range(3):  # five youths: the mean is shown, the share (5 of 5) is
        HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2013)
    facts.rebuild(today=TODAY)
    shown = _shown(second, date(2026, 5, 1))
    assert shown["hulpverleners_12m"] != "< 5"
    assert shown["organisaties_12m"] != "< 5"
    assert shown["drie_hulpverleners"] != "< 5"


def test_the_case_page_says_how_many(world: World, moved: tuple[Case, Team, Team]) -> None:
    case, _first, second = moved
    Membership.objects.create(user=world.user("outsider"), team=second, role=Role.PROFESSIONAL)
    client = log_in(Client(), world.user("outsider"))

    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))

    text = " ".join(page.content.decode().split())
    assert "In 12 maanden: 2 hulpverleners, 2 organisaties" in text


@pytest.mark.django_db(transaction=True)
def test_an_involvement_reaches_the_figures_on_commit(moved: tuple[Case, Team, Team]) -> None:
    case, _first, second = moved  # each write commits at once: the figures follow it
    month = timezone.localdate().replace(day=1)
    before = _figure("organisaties_12m", "maand", month, second)

    Involvement.objects.create(
        case=case, party=Party.GP, mode=InvolvementMode.CONSULTED, started_on=timezone.localdate()
    )

    after = _figure("organisaties_12m", "maand", month, second)
    assert before is not None and after is not None
    assert after[0] == before[0] + 2  # one more organisation for each of the two youths
