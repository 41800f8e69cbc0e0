"""Which zero goals a case touches, and the category that fits a bottleneck raised from it.

``derive`` is a pure function of what happened on the case (``CaseFacts``), so each rule has its
own small test; ``facts_of`` reads those facts from the case record. Only the codes leave this
module: the bottleneck gets the zero goals and the category, never the events behind them.

The rules:

- a seclusion → ``separaties``
- a third transfer between placements within twelve months (per youth) → ``overplaatsingen``
- a closed placement (CBS hulpvorm 13) → ``gesloten``
- a placement with a court order (OTS, guardianship, machtiging 71 or 72), or one a parent or the
  youth did not agree to → ``gedwongen_uhp``
- an intervention or placement that started before any explanatory analysis → ``zonder_analyse``
- a handover → ``overdrachten``
- a waiting period longer than the norm (an open one counted up to today) → category waiting time

The category: waiting time when a wait was over the norm, else no suitable care for seclusion,
closed, forced placements and repeated transfers, else cooperation for a handover, else none.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from elkedagbeter.cases.models import (
    Case,
    EventKind,
    LegalBasis,
    ResidenceType,
    placement_against_will,
)
from elkedagbeter.indicators.zero_goals import BY_CODE

from .models import Category

COURT_ORDERS = frozenset(
    {
        LegalBasis.SUPERVISION,
        LegalBasis.GUARDIANSHIP,
        LegalBasis.PLACEMENT_ORDER,
        LegalBasis.CLOSED_CARE_ORDER,
    }
)
CARE_GOALS = ("separaties", "gesloten", "gedwongen_uhp", "overplaatsingen")


@dataclass(frozen=True)
class EventFact:
    kind: str
    started_on: date
    ended_on: date | None = None
    youth: Hashable = None  # the household member, or None for the household
    residence_type: str = ""
    legal_basis: str = ""
    against_will: bool = False  # a placement a parent or the youth did not agree to


@dataclass(frozen=True)
class CaseFacts:
    events: list[EventFact] = field(default_factory=list)
    analysis_dates: list[date] = field(default_factory=list)
    intervention_starts: list[date] = field(default_factory=list)


@dataclass(frozen=True)
class Prefill:
    category: str  # a Category value, or "" when nothing fits
    zero_goals: list[str]  # zero-goal codes, in the order of the zero goals


def _third_transfer_in_a_year(events: list[EventFact]) -> bool:
    by_youth: dict[Hashable, list[date]] = {}
    for event in events:
        if event.kind == EventKind.TRANSFER:
            by_youth.setdefault(event.youth, []).append(event.started_on)
    for days in by_youth.values():
        days.sort()
        for index in range(2, len(days)):
            if days[index] - days[index - 2] < timedelta(days=365):
                return True
    return False


def _wait_over_norm(events: list[EventFact], today: date, norm: int) -> bool:
    open_starts: dict[Hashable, date] = {}
    for event in sorted(events, key=lambda e: e.started_on):
        if event.kind == EventKind.WAITING_START:
            if event.ended_on is not None:
                if (event.ended_on - event.started_on).days > norm:
                    return True
            else:
                open_starts[event.youth] = event.started_on
        elif event.kind == EventKind.WAITING_END and event.youth in open_starts:
            waited = event.started_on - open_starts.pop(event.youth)
            if waited.days > norm:
                return True
    return any((today - start).days > norm for start in open_starts.values())


def _started_without_analysis(facts: CaseFacts) -> bool:
    first_analysis = min(facts.analysis_dates, default=None)
    starts = [*facts.intervention_starts] + [
        e.started_on for e in facts.events if e.kind == EventKind.PLACEMENT
    ]
    return any(first_analysis is None or first_analysis > start for start in starts)


def derive(facts: CaseFacts, *, today: date, norm_days: int) -> Prefill:
    """The zero goals the case touches and the category of a bottleneck raised from it."""
    kinds = {event.kind for event in facts.events}
    placements = [e for e in facts.events if e.kind == EventKind.PLACEMENT]
    goals = set()
    if EventKind.SECLUSION in kinds:
        goals.add("separaties")
    if any(e.legal_basis in COURT_ORDERS or e.against_will for e in placements):
        goals.add("gedwongen_uhp")
    if any(e.residence_type == ResidenceType.CLOSED for e in placements):
        goals.add("gesloten")
    if _started_without_analysis(facts):
        goals.add("zonder_analyse")
    if _third_transfer_in_a_year(facts.events):
        goals.add("overplaatsingen")
    if EventKind.HANDOVER in kinds:
        goals.add("overdrachten")
    if _wait_over_norm(facts.events, today, norm_days):
        category = Category.WAITING.value
    elif goals.intersection(CARE_GOALS):
        category = Category.NO_SUITABLE_CARE.value
    elif "overdrachten" in goals:
        category = Category.COOPERATION.value
    else:
        category = ""
    return Prefill(category, [code for code in BY_CODE if code in goals])


def facts_of(case: Case) -> CaseFacts:
    """What ``derive`` needs of a case, in three queries."""
    events = [
        EventFact(
            kind=row["kind"],
            started_on=row["started_on"],
            ended_on=row["ended_on"],
            youth=row["member_id"],
            residence_type=row["residence_type"],
            legal_basis=row["legal_basis"],
            against_will=placement_against_will(
                row["parent_agreed"], row["other_parent_agreed"], row["youth_agreed"]
            ),
        )
        for row in case.events.values(
            "kind",
            "started_on",
            "ended_on",
            "member_id",
            "residence_type",
            "legal_basis",
            "parent_agreed",
            "other_parent_agreed",
            "youth_agreed",
        )
    ]
    analyses = [
        timezone.localdate(created)
        for created in case.analysis_versions.values_list("created_at", flat=True)
    ]
    starts = list(case.interventions.values_list("started_on", flat=True))
    return CaseFacts(events, analyses, starts)


def prefill_for_case(case: Case) -> Prefill:
    return derive(facts_of(case), today=timezone.localdate(), norm_days=settings.WAITING_NORM_DAYS)
