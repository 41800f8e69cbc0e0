"""Building the analytics table: every indicator per team and period, from the cases.

A full rebuild (``manage.py refresh_indicators``) runs in one transaction, so readers see the old
figures until the new ones are committed (PostgreSQL's MVCC does the swap). When a case changes,
``signals.py`` rebuilds only the teams that case has belonged to, right after the commit: a team's
figures depend only on the cases it has held, so that is exact and takes well under a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    CaseTransfer,
    Event,
    FormTiming,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    MemberRole,
    PlanVersion,
    TransferKind,
    YouthView,
)
from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment, ScoreScale
from elkedagbeter.organisations.models import Team
from elkedagbeter.prepared import Prepared, prepared

from . import protection, region_facts
from .models import ArchivedFact, IndicatorFact
from .periods import Period, PeriodKind, periods_between
from .registry import BY_CODE, INDICATORS, CaseData, EventRow, MomentRow, Observation

BATCH = 2000
FactKey = tuple[str, PeriodKind, date, int]


@dataclass(frozen=True)
class Segment:
    """A stretch of a case's life with one team."""

    team_id: int
    start: date
    end: date | None  # None: still with this team

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _segments(case: Case, transfers: list[CaseTransfer]) -> list[Segment]:
    segments, start = [], case.opened_on
    for transfer in transfers:
        day = max(start, timezone.localdate(transfer.created_at))
        segments.append(Segment(transfer.from_team_id, start, day))
        start = day
    segments.append(Segment(case.team_id, start, None))
    return segments


# What ``_load`` reads of the cases, each given the lookup that picks the cases: ``case_id__in``
# for a batch of the rebuild, ``case_id`` for the one case of a case page, whose reads are
# compiled once (elkedagbeter/prepared.py).
Read = Callable[[str, Any], QuerySet[Any]]
EVENT_COLUMNS = (
    "case_id",
    "kind",
    "member_id",
    "started_on",
    "ended_on",
    "residence_type",
    "legal_basis",
    "parent_agreed",
    "other_parent_agreed",
    "youth_agreed",
    "end_kind",
    "diagnosis",
    "member__birth_year",
    "reason_explained",
    "seclusion_form",
    "created_by_id",
    "created_at",
)
READS: dict[str, Read] = {
    "transfers": lambda lookup, value: CaseTransfer.objects.filter(
        **{lookup: value}, kind=TransferKind.TRANSFER
    ).order_by("created_at"),
    "events": lambda lookup, value: (
        Event.objects.filter(**{lookup: value})
        .order_by("started_on", "id")  # as recorded
        .values_list(*EVENT_COLUMNS)
    ),
    "youths": lambda lookup, value: HouseholdMember.objects.filter(
        **{lookup: value}, role=MemberRole.YOUTH
    ).values_list("case_id", "id", "pseudonym"),
    "goals": lambda lookup, value: Goal.objects.filter(**{lookup: value}).values_list(
        "case_id", "created_at"
    ),
    "analyses": lambda lookup, value: AnalysisVersion.objects.filter(**{lookup: value}).values_list(
        "case_id", "created_at", "created_by_id"
    ),
    "interventions": lambda lookup, value: Intervention.objects.filter(
        **{lookup: value}
    ).values_list("case_id", "started_on"),
    "plans": lambda lookup, value: PlanVersion.objects.filter(**{lookup: value}).values_list(
        "case_id", "created_at", "created_by_id"
    ),
    "form_timings": lambda lookup, value: FormTiming.objects.filter(**{lookup: value}).values_list(
        "case_id", "saved_at", "seconds", "user_id"
    ),
    "involvements": lambda lookup, value: (
        Involvement.objects.filter(**{lookup: value})
        .order_by()
        .values_list("case_id", "party", "description", "started_on", "ended_on")
    ),
    "youth_views": lambda lookup, value: (
        YouthView.objects.filter(**{f"member__{lookup}": value})
        .order_by("given_on", "id")
        .values_list("member__case_id", "member_id", "statement", "answer", "given_on")
    ),
    "goal_scores": lambda lookup, value: GoalScore.objects.filter(
        **{f"moment__{lookup}": value}, scale=ScoreScale.GAS
    ).values_list("moment_id", "score"),
    "moments": lambda lookup, value: MonitoringMoment.objects.filter(**{lookup: value}).values_list(
        "id", "case_id", "recorded_on", "heard"
    ),
}
Rows = Callable[[str], Iterable[Any]]


def _batch_rows(ids: list[int]) -> Rows:
    return lambda name: READS[name]("case_id__in", ids)


def _one_case_read(read: Read) -> Prepared[Any]:
    return prepared(lambda case_id: read("case_id", case_id), case_id=int)


_ONE_CASE = {name: _one_case_read(read) for name, read in READS.items()}


def _load(
    cases: list[Case], *, with_moments: bool = True, rows: Rows | None = None
) -> list[tuple[CaseData, list[Segment]]]:
    ids = [case.pk for case in cases]
    rows = rows or _batch_rows(ids)
    data = {
        case.pk: CaseData(
            case.pk, case.opened_on, case.closed_on, case_manager_id=case.case_manager_id
        )
        for case in cases
    }
    transfers: dict[int, list[CaseTransfer]] = defaultdict(list)
    for transfer in rows("transfers"):
        transfers[transfer.case_id].append(transfer)
        data[transfer.case_id].team_changes.append(timezone.localdate(transfer.created_at))
    for row in rows("events"):
        data[row[0]].events.append(EventRow(*row[1:-2]))
        if row[-2] is not None:
            data[row[0]].workers.append((timezone.localdate(row[-1]), row[-2]))
    _add_youths(data, rows)
    for case_id, created in rows("goals"):
        data[case_id].goal_dates.append(timezone.localdate(created))
    for case_id, created, author in rows("analyses"):
        data[case_id].analysis_dates.append(timezone.localdate(created))
        if author is not None:
            data[case_id].workers.append((timezone.localdate(created), author))
    for case_id, started in rows("interventions"):
        data[case_id].intervention_starts.append(started)
    _add_continuity(data, rows)
    if not with_moments:
        return [_with_teams(data[case.pk], _segments(case, transfers[case.pk])) for case in cases]
    scores: dict[int, list[int]] = defaultdict(list)
    for moment_id, score in rows("goal_scores"):
        scores[moment_id].append(score)
    for moment_id, case_id, recorded, heard in rows("moments"):
        data[case_id].moments.append(MomentRow(recorded, heard, tuple(scores[moment_id])))
    return [_with_teams(data[case.pk], _segments(case, transfers[case.pk])) for case in cases]


def _add_continuity(data: dict[int, CaseData], rows: Rows) -> None:
    """Who recorded work on the cases (besides events and analyses) and which parties were
    involved: for the continuity indicators. The forms' timings also give registration time."""
    for case_id, created, author in rows("plans"):
        if author is not None:
            data[case_id].workers.append((timezone.localdate(created), author))
    for case_id, saved_at, seconds, user_id in rows("form_timings"):
        data[case_id].form_seconds.append((timezone.localdate(saved_at), seconds))
        if user_id is not None:
            data[case_id].workers.append((timezone.localdate(saved_at), user_id))
    for case_id, party, description, started, ended in rows("involvements"):
        data[case_id].parties.append((started, ended, party, description.strip().lower()))
    for case_id, member_id, statement, answer, given in rows("youth_views"):
        data[case_id].youth_views.append((member_id, statement, answer, given))


def _with_teams(data: CaseData, segments: list[Segment]) -> tuple[CaseData, list[Segment]]:
    data.teams = [(segment.start, segment.end, segment.team_id) for segment in segments]
    return data, segments


def _add_youths(data: dict[int, CaseData], rows: Rows) -> None:
    """The households' youths, and for recurrence the closing dates of the other cases of the
    same youths, linked by the pseudonym (the same youth with another team, or an earlier case
    with this one)."""
    pseudonyms: dict[str, set[int]] = defaultdict(set)
    for case_id, member_id, pseudonym in rows("youths"):
        data[case_id].youth_ids.append(member_id)
        if pseudonym:
            pseudonyms[pseudonym].add(case_id)
    if not pseudonyms:
        return
    for pseudonym, other_case, closed in HouseholdMember.objects.filter(
        pseudonym__in=list(pseudonyms), role=MemberRole.YOUTH, case__closed_on__isnull=False
    ).values_list("pseudonym", "case_id", "case__closed_on"):
        for case_id in pseudonyms[pseudonym]:
            if case_id != other_case and closed is not None:
                data[case_id].earlier_closings.append(closed)


def case_data(case: Case, overview: CaseOverview | None = None) -> CaseData:
    """What the zero goals' indicators see of one case (for the case page): no monitoring
    moments, which no zero goal counts. Given the case page's ``overview``, the rows it already
    read (events, youths, interventions, involvements) are taken from it, not read again."""
    known = _overview_rows(overview) if overview is not None else {}

    def one_case(name: str) -> Iterable[Any]:
        if name in known:
            return known[name]
        return _ONE_CASE[name].list(case_id=case.pk)

    return _load([case], with_moments=False, rows=one_case)[0][0]


def _overview_rows(overview: CaseOverview) -> dict[str, list[tuple[Any, ...]]]:
    """The case page's model instances as the rows ``READS`` would give, in the same order."""

    def column(instance: Any, name: str) -> Any:
        for attribute in name.split("__"):
            if instance is None:
                return None
            instance = getattr(instance, attribute)
        return instance

    events = sorted(overview.events, key=lambda event: (event.started_on, event.pk))
    return {
        "events": [tuple(column(event, name) for name in EVENT_COLUMNS) for event in events],
        "youths": [
            (member.case_id, member.pk, member.pseudonym)
            for member in overview.members
            if member.role == MemberRole.YOUTH
        ],
        "interventions": [(item.case_id, item.started_on) for item in overview.interventions],
        "involvements": [
            (item.case_id, item.party, item.description, item.started_on, item.ended_on)
            for item in overview.involvements
        ],
    }


class Tally:
    """Numerators and denominators per (indicator, period kind, period start, team)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.sums: dict[FactKey, list[int]] = defaultdict(lambda: [0, 0])
        self.seen: set[tuple[FactKey, Hashable]] = set()

    def add_case(self, data: CaseData, segments: list[Segment]) -> None:
        data.today = self.today
        for indicator in INDICATORS:
            for observation in indicator.observe(data):
                self.add(indicator.code, observation, segments)
        self.seen.clear()  # keys name a youth or a household: they never span two cases

    def add(self, code: str, observation: Observation, segments: list[Segment]) -> None:
        if observation.span:
            self._add_span(code, observation, segments)
            return
        team_id = _team_on(segments, observation.start)
        for kind in PeriodKind:
            self._count(code, Period.containing(kind, observation.start), team_id, observation)

    def _add_span(self, code: str, observation: Observation, segments: list[Segment]) -> None:
        end = min(observation.end or self.today, self.today)
        for segment in segments:
            first = max(observation.start, segment.start)
            last = min(end, segment.end or end)
            if first > last:
                continue
            for kind in PeriodKind:
                for period in periods_between(kind, first, last):
                    self._count(code, period, segment.team_id, observation)

    def _count(self, code: str, period: Period, team_id: int, observation: Observation) -> None:
        key: FactKey = (code, period.kind, period.start, team_id)
        if observation.key is not None:
            if (key, observation.key) in self.seen:
                return
            self.seen.add((key, observation.key))
        sums = self.sums[key]
        sums[0] += observation.numerator
        sums[1] += observation.denominator


def _team_on(segments: list[Segment], day: date) -> int:
    for segment in segments:
        if segment.holds(day):
            return segment.team_id
    return segments[0].team_id if day < segments[0].start else segments[-1].team_id


def _facts(result: Tally, team_ids: Collection[int] | None) -> Iterator[IndicatorFact]:
    wanted = Team.objects.only("id", "municipality_id", "region_id")
    if team_ids is not None:  # a refresh after a commit needs a few teams, not all of them
        wanted = wanted.filter(pk__in=team_ids)
    teams = {t.pk: t for t in wanted}
    for (code, kind, start, team_id), (numerator, denominator) in result.sums.items():
        if team_ids is not None and team_id not in team_ids:
            continue
        team = teams[team_id]
        yield IndicatorFact(
            indicator=code,
            period_kind=kind.value,
            period_start=start,
            team_id=team_id,
            municipality_id=team.municipality_id,
            region_id=team.region_id,
            numerator=numerator,
            denominator=denominator,
        )


def _cases_of(team_ids: Collection[int] | None) -> Iterator[list[Case]]:
    cases = Case.objects.only(
        "id", "team_id", "opened_on", "closed_on", "case_manager_id"
    ).order_by("id")
    if team_ids is not None:
        moved = CaseTransfer.objects.filter(
            Q(from_team_id__in=team_ids) | Q(to_team_id__in=team_ids)
        ).values("case_id")
        cases = cases.filter(Q(team_id__in=team_ids) | Q(pk__in=moved))
    last_id = 0
    while batch := list(cases.filter(pk__gt=last_id)[:BATCH]):
        yield batch
        last_id = batch[-1].pk


@transaction.atomic
def rebuild(
    team_ids: Collection[int] | None = None, today: date | None = None, *, protect: bool = True
) -> int:
    """Recompute the figures of these teams (of every team when None, and then, if ``protect``,
    their protection against small numbers too) and their regions' totals; returns the row
    count."""
    today = today or timezone.localdate()
    result = Tally(today)
    for batch in _cases_of(team_ids):
        for data, segments in _load(batch):
            result.add_case(data, segments)
    _add_archived(result, team_ids)
    stale = IndicatorFact.objects.all()
    if team_ids is not None:
        stale = stale.filter(team_id__in=team_ids)
    before = region_facts.stored_facts(team_ids) if team_ids is not None else {}
    stale.delete()
    facts = list(_facts(result, team_ids))
    IndicatorFact.objects.bulk_create(facts, batch_size=5000)
    if team_ids is None:
        region_facts.rebuild()
        if protect:
            protection.protect(today)
    else:
        region_facts.rebuild(region_facts.changed_cells(before, region_facts.built_facts(facts)))
    return len(facts)


def _add_archived(result: Tally, team_ids: Collection[int] | None) -> None:
    """Add back what purged cases contributed (see ``archive_cases``)."""
    archived = ArchivedFact.objects.all()
    if team_ids is not None:
        archived = archived.filter(team_id__in=team_ids)
    for code, kind, start, team_id, numerator, denominator in archived.values_list(
        "indicator", "period_kind", "period_start", "team_id", "numerator", "denominator"
    ):
        sums = result.sums[(code, PeriodKind(kind), start, team_id)]
        sums[0] += numerator
        sums[1] += denominator


def archive_cases(case_ids: Collection[int], today: date | None = None) -> int:
    """Before the retention purge deletes these cases, add their share of every figure to
    ``ArchivedFact``, so that rebuilding without them gives the same figures. Call inside the
    purge's transaction; returns the number of archived rows touched."""
    result = Tally(today or timezone.localdate())
    ids = sorted(case_ids)
    for start in range(0, len(ids), BATCH):
        cases = list(
            Case.objects.filter(pk__in=ids[start : start + BATCH]).only(
                "id", "team_id", "opened_on", "closed_on", "case_manager_id"
            )
        )
        for data, segments in _load(cases):
            result.add_case(data, segments)
    sums = {key: value for key, value in result.sums.items() if value != [0, 0]}
    if not sums:
        return 0
    existing = {
        (row.indicator, PeriodKind(row.period_kind), row.period_start, row.team_id): row
        for row in ArchivedFact.objects.filter(team_id__in={key[3] for key in sums})
    }
    changed, new = [], []
    for (code, kind, start_day, team_id), (numerator, denominator) in sums.items():
        row = existing.get((code, kind, start_day, team_id))
        if row is None:
            new.append(
                ArchivedFact(
                    indicator=code,
                    period_kind=kind.value,
                    period_start=start_day,
                    team_id=team_id,
                    numerator=numerator,
                    denominator=denominator,
                )
            )
        else:
            row.numerator += numerator
            row.denominator += denominator
            changed.append(row)
    ArchivedFact.objects.bulk_update(changed, ["numerator", "denominator"], batch_size=2000)
    ArchivedFact.objects.bulk_create(new, batch_size=5000)
    return len(changed) + len(new)


def teams_of_cases(case_ids: Collection[int]) -> set[int]:
    """Every team these cases belong or belonged to."""
    teams = set(Case.objects.filter(pk__in=case_ids).values_list("team_id", flat=True))
    for source, target in CaseTransfer.objects.filter(
        case_id__in=case_ids, kind=TransferKind.TRANSFER
    ).values_list("from_team_id", "to_team_id"):
        teams |= {source, target}
    return teams


def cases_behind(code: str, team_id: int, period: Period, today: date | None = None) -> list[int]:
    """The ids of the cases that make up a team's numerator in a period."""
    indicator = BY_CODE[code]
    key: FactKey = (code, period.kind, period.start, team_id)
    found = []
    for batch in _cases_of({team_id}):
        for data, segments in _load(batch):
            result = Tally(today or timezone.localdate())
            data.today = result.today
            for observation in indicator.observe(data):
                result.add(code, observation, segments)
            if result.sums.get(key, [0, 0])[0] > 0:
                found.append(data.case_id)
    return found
