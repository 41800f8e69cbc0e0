"""Continuity (issue 18 part 4): how many professionals and organisations a young person had in
twelve months, and whether one trusted person stayed. Part of the registry: ``registry.INDICATORS``
ends with these; import them from ``registry``, which imports this module once its types exist.

Everything is derived from what the case already holds (docs/indicators.md, "Continuity"):

- *professionals*: the users who recorded work on the case (events, analysis and plan versions,
  saved forms), its casusregisseur, and one for every involved party outside the family and its
  network (a school, GP, provider, ... recorded as an involvement);
- *organisations*: the teams that held the case and those involved parties;
- *one person stayed*: the case was open the whole twelve months, has a casusregisseur, and was
  neither transferred to another team nor handed over in them; where the young person answered
  "I have one person I trust who stays" (issue 19) in the twelve months, their answer counts.

A youth is measured on the last day of every month their case is open (or the day it closed, or
today), over the twelve months up to and including that day. A period shows each youth once, as
measured on the last such day in it: the observations go out latest first, and the first one with
a youth's key is the one a period keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import EventKind, Party, YouthAnswer, YouthStatement

from .incident_indicators import add_months, own_answer
from .registry import CaseData, Direction, Indicator, Observation, Unit

WINDOW_MONTHS = 12
MANY_PROFESSIONALS = 3
# Involved parties that are organisations with their own professionals (not the family's own).
ORGANISATION_PARTIES = frozenset(Party) - {Party.FAMILY, Party.NETWORK}


@dataclass(frozen=True)
class Continuity:
    day: date  # the last day of the twelve months
    professionals: int
    organisations: int
    one_person: bool | None  # None: the case was not open for the whole twelve months


def window_start(day: date) -> date:
    """The first day of the twelve months up to and including ``day``."""
    return add_months(day, -WINDOW_MONTHS) + timedelta(days=1)


def continuity(case: CaseData, day: date) -> Continuity:
    start = window_start(day)
    people = {user for on, user in case.workers if start <= on <= day}
    if case.case_manager_id is not None:
        people.add(case.case_manager_id)
    parties = {
        (party, description)
        for since, until, party, description in case.parties
        if party in ORGANISATION_PARTIES and since <= day and (until is None or until >= start)
    }
    teams = {
        team
        for since, until, team in case.teams
        if since <= day and (until is None or until > start)
    }
    one_person = None
    if case.opened_on <= start:
        moved = any(start <= on <= day for on in case.team_changes) or any(
            event.kind == EventKind.HANDOVER and start <= event.started_on <= day
            for event in case.events
        )
        one_person = case.case_manager_id is not None and not moved
    return Continuity(day, len(people) + len(parties), len(teams) + len(parties), one_person)


def measurement_days(case: CaseData) -> list[date]:
    """The last day of each month the case is open, latest first (the day it closed, or today,
    for its last month)."""
    today = case.today or timezone.localdate()
    last = min(case.closed_on or today, today)
    days, month = [], case.opened_on.replace(day=1)
    while month <= last:
        following = add_months(month, 1)
        days.append(min(following - timedelta(days=1), last))
        month = following
    return days[::-1]


def series(case: CaseData) -> list[Continuity]:
    """Every measurement of the case, latest first; worked out once for the four indicators."""
    key = f"continuity-{case.today}"
    found = case.derived.get(key)
    if found is None:
        found = [continuity(case, day) for day in measurement_days(case)]
        case.derived[key] = found
    return cast(list[Continuity], found)


def latest(case: CaseData) -> Continuity | None:
    """The twelve months up to today (or the day the case closed), for the case page."""
    days = measurement_days(case)
    return continuity(case, days[0]) if days else None


def _one_person_for(case: CaseData, measured: Continuity, youth_id: int) -> int | None:
    """The young person's own answer ("I have one person I trust who stays") given in the twelve
    months, where there is one; else what the case shows."""
    answer = own_answer(
        case, youth_id, YouthStatement.TRUSTED_PERSON, window_start(measured.day), measured.day
    )
    if answer is not None:
        return int(answer == YouthAnswer.YES)
    return None if measured.one_person is None else int(measured.one_person)


def _per_youth(case: CaseData, value: str) -> Iterator[Observation]:
    if not case.youth_ids:
        return
    for measured in series(case):
        if value == "one_person":
            for youth_id in case.youth_ids:
                stayed = _one_person_for(case, measured, youth_id)
                if stayed is not None:
                    yield Observation(measured.day, stayed, 1, key=("youth", youth_id))
            continue
        number = {
            "professionals": measured.professionals,
            "organisations": measured.organisations,
            "many": int(measured.professionals >= MANY_PROFESSIONALS),
        }[value]
        if number is None:
            continue
        for youth_id in case.youth_ids:
            yield Observation(measured.day, number, 1, key=("youth", youth_id))


def _professionals(case: CaseData) -> Iterator[Observation]:
    return _per_youth(case, "professionals")


def _organisations(case: CaseData) -> Iterator[Observation]:
    return _per_youth(case, "organisations")


def _many_professionals(case: CaseData) -> Iterator[Observation]:
    return _per_youth(case, "many")


def _one_person(case: CaseData) -> Iterator[Observation]:
    return _per_youth(case, "one_person")


MEASURED = _(
    "Each young person is measured on the last day of every month their case is open (or the day "
    "it closed), over the twelve months up to and including that day; a period shows the last "
    "such measurement in it."
)


def _with_measured(definition: Promise) -> Promise:
    return cast(Promise, format_lazy("{} {}", definition, MEASURED))


CONTINUITY_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "hulpverleners_12m",
        _("Professionals per young person in 12 months"),
        _with_measured(
            _(
                "The number of different professionals a young person had in twelve months: "
                "the people who recorded work on the case (events, analysis, plan, saved "
                "forms), the casusregisseur, and one for every involved party outside the "
                "family and its network (school, GP, provider, ...)."
            )
        ),
        _("professionals, added up over the young people"),
        _("young people with a case"),
        Direction.DOWN,
        Unit.MEAN,
        _professionals,
    ),
    Indicator(
        "drie_hulpverleners",
        _("Young people with 3 or more professionals in 12 months"),
        _with_measured(
            _(
                "Young people who had three or more different professionals in twelve months "
                "(counted as in 'Professionals per young person in 12 months'), as a share of "
                "the young people with a case."
            )
        ),
        _("young people with 3 or more professionals"),
        _("young people with a case"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _many_professionals,
    ),
    Indicator(
        "organisaties_12m",
        _("Organisations per young person in 12 months"),
        _with_measured(
            _(
                "The number of different organisations a young person had in twelve months: the "
                "teams that held the case and every involved party outside the family and its "
                "network."
            )
        ),
        _("organisations, added up over the young people"),
        _("young people with a case"),
        Direction.DOWN,
        Unit.MEAN,
        _organisations,
    ),
    Indicator(
        "vaste_hulpverlener",
        _("One trusted person stayed"),
        _with_measured(
            _(
                "Young people whose case had the same contact professional for the whole "
                "twelve months, as a share of the young people whose case was open for all of "
                "them: the case has a casusregisseur and was neither transferred to another "
                "team nor handed over in those months. Where the young person answered 'I have "
                "one person I trust who stays' in those months, their own answer counts instead "
                "(yes: stayed; partly or no: did not)."
            )
        ),
        _("young people with the same contact professional throughout"),
        _("young people with a case open all twelve months"),
        Direction.UP,
        Unit.PERCENTAGE,
        _one_person,
    ),
)
