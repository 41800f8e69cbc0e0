"""The zero goals added with issue 18 against hand-computed small data sets, and the protection
of the rare suicide counts: no page, in any period, shows or lets a reader work out a count
below the threshold, and the rate per 10,000 never stands in for a hidden count."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.models import (
    Case,
    DiagnosisGroup,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    Intervention,
    MemberRole,
)
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.indicators.periods import Period, PeriodKind
from elkedagbeter.indicators.selectors import Figure, IndicatorView, indicator_views
from elkedagbeter.indicators.tests.test_protection import (
    _everything_shown,
    _periods,
    _places,
    _recoverable,
)
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 23)


def _figure(code: str, kind: str, start: date, team_id: int) -> tuple[int, int] | None:
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind=kind, period_start=start, team_id=team_id
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def _youth(case: Case, birth_year: int = 2010) -> HouseholdMember:
    return HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=birth_year)


def test_every_new_zero_goal_has_an_indicator() -> None:
    assert ZERO_GOALS["suicides"].indicator == "suicides"
    assert ZERO_GOALS["zonder_doel"].indicator == "zonder_doel"
    assert ZERO_GOALS["laat_autisme"].indicator == "autisme_laat"


def test_suicidality_per_youth_in_care(world: World) -> None:
    # Two households open all of 2025: three youths in care. A third case opens in 2026.
    first = Case.objects.create(team=world.team_a, opened_on=date(2024, 6, 1))
    second = Case.objects.create(
        team=world.team_a, opened_on=date(2025, 1, 1), closed_on=date(2025, 12, 31)
    )
    anna, bram, cas = _youth(first), _youth(first), _youth(second)
    Case.objects.create(team=world.team_a, opened_on=date(2026, 1, 1))
    for youth, kind, day in (
        (anna, EventKind.SUICIDE_ATTEMPT, date(2025, 3, 1)),
        (anna, EventKind.SUICIDE_ATTEMPT, date(2025, 9, 1)),
        (bram, EventKind.SUICIDE, date(2025, 12, 31)),
        (cas, EventKind.SUICIDE_ATTEMPT, date(2025, 12, 31)),
    ):
        Event.objects.create(case=youth.case, kind=kind, member=youth, started_on=day)

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("suicides", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("suicidepogingen", "jaar", date(2025, 1, 1), team) == (3, 0)
    assert _figure("suicidaliteit", "jaar", date(2025, 1, 1), team) == (4, 3)
    assert _figure("suicidaliteit", "kwartaal", date(2025, 10, 1), team) == (2, 3)
    assert _figure("suicidaliteit", "jaar", date(2026, 1, 1), team) == (0, 2)  # cas's case closed


def test_treatments_without_a_goal_and_late_autism(world: World) -> None:
    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    Goal.objects.create(
        case=case, text="Weer naar school", created_at=timezone.make_aware(datetime(2025, 3, 1))
    )
    for day in (date(2025, 2, 28), date(2025, 3, 1), date(2025, 6, 1)):
        Intervention.objects.create(case=case, description="Gezinscoaching", started_on=day)
    seven, eight, unknown = _youth(case, 2018), _youth(case, 2017), _youth(case, 2016)
    HouseholdMember.objects.filter(pk=unknown.pk).update(birth_year=None, age_band="4-11")
    autism = DiagnosisGroup.AUTISM
    for youth, day, group in (
        (seven, date(2025, 12, 31), autism),  # reached 7 in 2025: on time
        (eight, date(2025, 1, 1), autism),  # reached 8 in 2025: late
        (eight, date(2025, 5, 1), autism),  # not the first autism diagnosis: not counted
        (unknown, date(2025, 5, 1), autism),  # no birth year: left out
        (seven, date(2025, 2, 1), DiagnosisGroup.ADHD),  # not autism
    ):
        Event.objects.create(
            case=case, kind=EventKind.DIAGNOSIS, member=youth, started_on=day, diagnosis=group
        )

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("zonder_doel", "jaar", date(2025, 1, 1), team) == (1, 3)
    assert _figure("zonder_doel", "maand", date(2025, 3, 1), team) == (0, 1)
    assert _figure("autisme_laat", "jaar", date(2025, 1, 1), team) == (1, 2)
    assert _figure("autisme_laat", "kwartaal", date(2025, 10, 1), team) == (0, 1)


def _cells(view: IndicatorView) -> list[Figure]:
    return [figure for _period, figure in view.series] + [row.figure for row in view.parts]


def _record(case: Case, kind: str, count: int, day: date) -> None:
    for _ in range(count):
        youth = _youth(case)
        Event.objects.create(case=case, kind=kind, member=youth, started_on=day)


def test_no_page_reveals_a_small_suicide_count_not_even_by_subtraction(world: World) -> None:
    today = timezone.localdate()
    _record(world.case_a, EventKind.SUICIDE, 6, today)
    _record(world.case_b, EventKind.SUICIDE, 2, today)
    _record(CaseFactory(team=world.team_c), EventKind.SUICIDE, 5, today)
    _record(world.case_a, EventKind.SUICIDE_ATTEMPT, 7, today)
    _record(world.case_b, EventKind.SUICIDE_ATTEMPT, 9, today)
    _record(CaseFactory(team=world.team_d), EventKind.SUICIDE_ATTEMPT, 1, today)
    facts.rebuild()

    month = Period.containing(PeriodKind.MONTH, today).start
    for code in ("suicides", "suicidepogingen"):
        shown = _everything_shown(code, today)
        assert all(value == 0 or value >= 5 for value in shown.values()), code
        assert _recoverable(shown, today) == [], code
        if code == "suicides":  # team B's 2 suicides this month
            assert (f"team-{world.team_b.pk}", PeriodKind.MONTH, month) not in shown

    # The rate stands only where both counts stand: never beside a hidden count.
    for place in _places():
        for last in _periods(today):
            views = {v.indicator.code: v for v in indicator_views(place, last.kind, last)}
            rate = views["suicidaliteit"]

            counts = list(
                zip(_cells(views["suicides"]), _cells(views["suicidepogingen"]), strict=True)
            )
            for figure, (suicides, attempts) in zip(_cells(rate), counts, strict=True):
                if figure.ratio is not None:
                    assert suicides.count is not None and not suicides.count.suppressed
                    assert attempts.count is not None and not attempts.count.suppressed
            assert rate.indicator.shown_with == ("suicides", "suicidepogingen")


def test_admissions_without_knowing_why_and_isolation(world: World) -> None:
    from elkedagbeter.cases.models import Explained, LegalBasis, ResidenceType, SeclusionForm

    case = Case.objects.create(team=world.team_a, opened_on=date(2025, 1, 1))
    for answer, day in (
        (Explained.NO, date(2025, 3, 31)),
        (Explained.YES, date(2025, 4, 1)),
        (Explained.UNKNOWN, date(2025, 4, 2)),  # not recorded either way: left out
        ("", date(2025, 4, 3)),
    ):
        Event.objects.create(
            case=case,
            kind=EventKind.PLACEMENT,
            member=_youth(case),
            started_on=day,
            residence_type=ResidenceType.FOSTER_CARE,
            legal_basis=LegalBasis.VOLUNTARY,
            reason_explained=answer,
        )
    youth = _youth(case)
    for form in (SeclusionForm.ISOLATION, SeclusionForm.SECLUSION_ROOM, ""):
        Event.objects.create(
            case=case,
            kind=EventKind.SECLUSION,
            member=youth,
            started_on=date(2025, 5, 1),
            duration_minutes=30,
            place="kamer",
            seclusion_form=form,
        )

    facts.rebuild(today=TODAY)

    team = world.team_a.pk
    assert _figure("zonder_uitleg", "jaar", date(2025, 1, 1), team) == (1, 2)
    assert _figure("zonder_uitleg", "kwartaal", date(2025, 4, 1), team) == (0, 1)
    assert _figure("afzonderingen", "jaar", date(2025, 1, 1), team) == (1, 0)
    assert _figure("separaties", "jaar", date(2025, 1, 1), team) == (3, 0)
    assert ZERO_GOALS["isolatie"].indicator == "afzonderingen"
    assert ZERO_GOALS["zonder_uitleg"].indicator == "zonder_uitleg"
