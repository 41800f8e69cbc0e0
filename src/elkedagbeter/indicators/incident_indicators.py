"""The critical incidents the seeds ask the whole sector to learn from, and the zero goals added
with them (issue 18). Part of the registry: ``registry.INDICATORS`` ends with these, and the
rules for periods and places in ``registry.WHERE`` hold for them too. Import them from
``registry``, which imports this module once its types exist.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from datetime import date, timedelta
from itertools import pairwise

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import (
    DiagnosisGroup,
    EndKind,
    EventKind,
    Explained,
    SeclusionForm,
    YouthAnswer,
    YouthStatement,
)

from .registry import CaseData, Direction, EventRow, Indicator, Observation, Observe, Unit

FAILED_WITHIN_MONTHS = 3
RECURRENCE_DAYS = 365
DIAGNOSIS_CHANGES_FLAGGED = 3


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def _youth(case: CaseData, event: EventRow) -> Hashable:
    return ("youth", event.member_id) if event.member_id else ("case", case.case_id)


def _events(case: CaseData, kind: str) -> Iterator[EventRow]:
    return (event for event in case.events if event.kind == kind)


def _count(kind: str) -> Observe:
    def observe(case: CaseData) -> Iterator[Observation]:
        for event in _events(case, kind):
            yield Observation(event.started_on, 1)

    return observe


def failed(event: EventRow) -> bool:
    """A placement that ended unplanned within three months of its start."""
    return (
        event.kind == EventKind.PLACEMENT
        and event.end_kind == EndKind.UNPLANNED
        and event.ended_on is not None
        and event.ended_on <= add_months(event.started_on, FAILED_WITHIN_MONTHS)
    )


def _failed_placements(case: CaseData) -> Iterator[Observation]:
    for event in case.events:
        if failed(event) and event.ended_on is not None:
            yield Observation(event.ended_on, 1)


def diagnosis_changes(case: CaseData) -> dict[Hashable, list[date]]:
    """Per youth, the days their diagnosis changed: a diagnosis event whose group differs from
    the youth's diagnosis before it. The first diagnosis is not a change; on one day, the
    events count in the order they were recorded."""
    by_youth: dict[Hashable, list[EventRow]] = {}
    for event in _events(case, EventKind.DIAGNOSIS):
        by_youth.setdefault(_youth(case, event), []).append(event)
    changes: dict[Hashable, list[date]] = {}
    for youth, events in by_youth.items():
        events.sort(key=lambda e: e.started_on)
        changes[youth] = [
            later.started_on
            for earlier, later in pairwise(events)
            if later.diagnosis != earlier.diagnosis
        ]
    return changes


def _repeated_diagnosis_changes(case: CaseData) -> Iterator[Observation]:
    for youth, days in diagnosis_changes(case).items():
        for index, day in enumerate(days, start=1):
            if index >= DIAGNOSIS_CHANGES_FLAGGED:
                yield Observation(day, 1, key=youth)


def _recurrence(case: CaseData) -> Iterator[Observation]:
    opened = case.opened_on
    again = any(
        closed <= opened <= closed + timedelta(days=RECURRENCE_DAYS)
        for closed in case.earlier_closings
    )
    yield Observation(opened, int(again), 1)


INCIDENT_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "mislukte_plaatsingen",
        _("Failed placements"),
        _(
            "Placements that ended unplanned within three months of their start (on or before "
            "the same day three months later), counted in the period they ended. Whether an end "
            "was planned is recorded with the end date of the placement."
        ),
        _("placements ended unplanned within three months"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _failed_placements,
    ),
    Indicator(
        "diagnosewisselingen",
        _("Youths with 3 or more changes of diagnosis"),
        _(
            "Youths whose diagnosis changed for the third time or more in the period: a "
            "diagnosis event whose group differs from the youth's diagnosis before it counts as "
            "a change, the first diagnosis does not. Changes are counted over the whole case, "
            "not per year. Each youth counts once per period."
        ),
        _("youths with a third or later change of diagnosis"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _repeated_diagnosis_changes,
    ),
    Indicator(
        "thuisplaatsingen",
        _("Returns home after a placement"),
        _("Young people who returned home after a placement, counted on the day they did."),
        _("returns home"),
        None,
        Direction.UP,
        Unit.COUNT,
        _count(EventKind.RETURN_HOME),
    ),
    Indicator(
        "recidive",
        _("Recurrence within 12 months"),
        _(
            "Cases opened in the period for a young person whose earlier case (with any team, "
            "recognised by the pseudonym) was closed at most twelve months before, as a share "
            "of all cases opened in the period. Only youths with a pseudonym can be recognised."
        ),
        _("cases opened within 12 months after an earlier case of the youth closed"),
        _("cases opened"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _recurrence,
    ),
    Indicator(
        "hervictimisatie",
        _("Revictimisation"),
        _(
            "Young people who became a victim again (of violence, abuse or neglect), counted on "
            "the day it became known."
        ),
        _("revictimisations"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _count(EventKind.REVICTIMISATION),
    ),
    Indicator(
        "weglopen",
        _("Running away"),
        _("Times a young person ran away, counted on the day they ran away."),
        _("times run away"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _count(EventKind.RUNAWAY),
    ),
    Indicator(
        "schooluitval",
        _("School dropout"),
        _("Young people who dropped out of school, counted on the day it was recorded."),
        _("school dropouts"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _count(EventKind.SCHOOL_DROPOUT),
    ),
)


# --- Zero goals of issue 18 ---------------------------------------------------------------------

LATE_AUTISM_AGE = 8


def _youths_in_care(case: CaseData) -> Iterator[Observation]:
    """The denominator of a rate per youth in care: each youth of a case open in the period,
    once per period and team."""
    for youth_id in case.youth_ids:
        yield Observation(
            case.opened_on, 0, 1, end=case.closed_on, key=("youth", youth_id), span=True
        )


def _suicidality(case: CaseData) -> Iterator[Observation]:
    for event in case.events:
        if event.kind in (EventKind.SUICIDE, EventKind.SUICIDE_ATTEMPT):
            yield Observation(event.started_on, 1)
    yield from _youths_in_care(case)


def _without_goal(case: CaseData) -> Iterator[Observation]:
    first_goal = min(case.goal_dates, default=None)
    for started in case.intervention_starts:
        missing = first_goal is None or first_goal > started
        yield Observation(started, int(missing), 1)


def age_at(event: EventRow) -> int | None:
    """The age reached in the year of the event: only the birth year is kept."""
    return None if event.birth_year is None else event.started_on.year - event.birth_year


def _late_autism(case: CaseData) -> Iterator[Observation]:
    seen: set[Hashable] = set()
    for event in sorted(_events(case, EventKind.DIAGNOSIS), key=lambda e: e.started_on):
        youth = _youth(case, event)
        if event.diagnosis != DiagnosisGroup.AUTISM or youth in seen:
            continue
        seen.add(youth)
        age = age_at(event)
        if age is not None:
            yield Observation(event.started_on, int(age >= LATE_AUTISM_AGE), 1)


INCIDENT_INDICATORS += (
    Indicator(
        "suicides",
        _("Suicides of youths in care"),
        _(
            "Young people with a case who took their own life, counted on the day. The numbers "
            "are small: every page shows them only after suppression over all areas and periods."
        ),
        _("suicides"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _count(EventKind.SUICIDE),
    ),
    Indicator(
        "suicidepogingen",
        _("Suicide attempts of youths in care"),
        _("Suicide attempts of young people with a case, counted on the day."),
        _("suicide attempts"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _count(EventKind.SUICIDE_ATTEMPT),
    ),
    Indicator(
        "suicidaliteit",
        _("Suicides and attempts per 10,000 youths in care"),
        _(
            "Suicides and suicide attempts in the period per 10,000 young people in care (the "
            "youths of the households with a case open in the period, each counted once). "
            "Shown only where both counts are shown, so the rate never reveals a hidden count."
        ),
        _("suicides and suicide attempts"),
        _("youths in care"),
        Direction.DOWN,
        Unit.PER_10000,
        _suicidality,
        shown_with=("suicides", "suicidepogingen"),
    ),
    Indicator(
        "zonder_doel",
        _("Treatments without a formulated goal"),
        _(
            "Interventions that start in the period while the case has no desired result "
            "written down yet (on or before the day the intervention starts), as a share of "
            "all interventions started."
        ),
        _("interventions started before any desired result"),
        _("interventions started"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _without_goal,
    ),
    Indicator(
        "autisme_laat",
        _("Autism discovered at 8 or later"),
        _(
            "First autism diagnoses of a young person in the period where the youth was 8 or "
            "older, as a share of all first autism diagnoses with a known birth year. Only the "
            "birth year is kept, so the age is the age reached in the year of the diagnosis."
        ),
        _("first autism diagnoses at 8 or later"),
        _("first autism diagnoses"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _late_autism,
    ),
)


def own_answer(
    case: CaseData, member_id: int | None, statement: str, since: date, until: date
) -> int | None:
    """The young person's own latest answer to ``statement`` given from ``since`` up to and
    including ``until`` (YouthAnswer: 3 yes, 2 partly, 1 no), or None when they gave none."""
    found = None
    for member, said, answer, given in case.youth_views:  # in the order given
        if member == member_id and said == statement and since <= given <= until:
            found = answer
    return found


def _without_explanation(case: CaseData) -> Iterator[Observation]:
    """The young person's own answer where they gave one during the placement, else the
    professional's record."""
    today = case.today or timezone.localdate()
    for event in _events(case, EventKind.PLACEMENT):
        until = event.ended_on or today
        answer = own_answer(
            case, event.member_id, YouthStatement.KNOWS_WHY, event.started_on, until
        )
        if answer is not None:
            yield Observation(event.started_on, int(answer == YouthAnswer.NO), 1)
        elif event.reason_explained in (Explained.YES, Explained.NO):
            yield Observation(event.started_on, int(event.reason_explained == Explained.NO), 1)


def _isolations(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.SECLUSION):
        if event.seclusion_form == SeclusionForm.ISOLATION:
            yield Observation(event.started_on, 1)


INCIDENT_INDICATORS += (
    Indicator(
        "zonder_uitleg",
        _("Placements without knowing why"),
        _(
            "Placements that start in the period where the young person does not know why: "
            "from their own answer ('I know why I live where I live now: no') where they gave "
            "one during the placement, else from the professional's record that the reason was "
            "not explained; as a share of the placements with either."
        ),
        _("placements whose reason was not explained"),
        _("placements with the explanation recorded"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _without_explanation,
    ),
    Indicator(
        "afzonderingen",
        _("Isolations"),
        _(
            "Seclusions recorded as isolation (afzondering) rather than in a seclusion room, "
            "counted on the day. Only where the source distinguishes them; every seclusion, of "
            "any form, also counts in Seclusions."
        ),
        _("isolations in the period"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _isolations,
    ),
)
