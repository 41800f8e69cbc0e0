"""Everything a case page shows, read in a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Window
from django.utils import timezone

from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result
from elkedagbeter.monitoring.models import SCALE_RANGES, GoalScore, MonitoringMoment, ScoreScale
from elkedagbeter.prepared import Prepared, prepared

from .models import (
    AnalysisVersion,
    Case,
    ChangeRecord,
    EmergencyAccess,
    Event,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    LifeDomain,
    PlanVersion,
)


# The case page's reads, compiled once (elkedagbeter/prepared.py); each gives what the
# case's related manager gives (``case.members.all()``), in the models' own order.
# The latest analysis and plan, each with how many versions there are (counted over all of the
# case's versions before the newest is picked).
def _latest_version(model: type[AnalysisVersion] | type[PlanVersion]) -> Prepared[Any]:
    return prepared(
        lambda case_id: (
            model.objects.filter(case_id=case_id)
            .select_related("created_by")
            .annotate(version_count=Window(Count("id")))[:1]
        ),
        case_id=int,
    )


_LATEST_ANALYSIS = _latest_version(AnalysisVersion)
_LATEST_PLAN = _latest_version(PlanVersion)
_MOMENTS = prepared(
    lambda case_id: MonitoringMoment.objects.filter(case_id=case_id).prefetch_related(
        Prefetch("scores", queryset=GoalScore.objects.select_related("goal"))
    )[:24],
    case_id=int,
)
_VISITS = prepared(
    lambda reference, user_ref: AccessLogEntry.objects.filter(
        object_ref=reference,
        user_id_ref=user_ref,
        event_code=EventCode.CASE_READ,
        result=Result.SUCCESS,
    ).values_list("occurred_at", flat=True)[1:2],
    reference=str,
    user_ref=str,
)
_MEMBERS = prepared(lambda case_id: HouseholdMember.objects.filter(case_id=case_id), case_id=int)
_OPEN_GOALS = prepared(
    lambda case_id: Goal.objects.filter(case_id=case_id, closed_on__isnull=True), case_id=int
)
_INVOLVEMENTS = prepared(lambda case_id: Involvement.objects.filter(case_id=case_id), case_id=int)
_INTERVENTIONS = prepared(
    lambda case_id: Intervention.objects.filter(case_id=case_id).select_related("catalogue_item"),
    case_id=int,
)
_EVENTS = prepared(
    lambda case_id: Event.objects.filter(case_id=case_id).select_related("member"), case_id=int
)
_CHANGES = prepared(
    lambda case_id, since, user_id: (
        ChangeRecord.objects.filter(case_id=case_id, changed_at__gt=since)
        .exclude(changed_by_id=user_id)
        .select_related("changed_by")[:50]
    ),
    case_id=int,
    since=datetime,
    user_id=int,
)
_EMERGENCY_ACCESSES = prepared(
    lambda case_id: EmergencyAccess.objects.filter(case_id=case_id).select_related("user"),
    case_id=int,
)
EMERGENCY_ACCESS_SHOWN_DAYS = 90


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class MonitoringChart:
    """A small line chart of safety and the average goal score, both on a 0 to 10 axis."""

    width: int
    height: int
    safety: list[ChartPoint]
    goals: list[ChartPoint]

    @staticmethod
    def polyline(points: list[ChartPoint]) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)

    @property
    def safety_line(self) -> str:
        return self.polyline(self.safety)

    @property
    def goals_line(self) -> str:
        return self.polyline(self.goals)


@dataclass
class CaseOverview:
    case: Case
    members: list[Any]
    goals: list[Any]
    analysis: AnalysisVersion | None
    analysis_domains: list[tuple[Any, str]]
    analysis_count: int
    plan: PlanVersion | None
    plan_count: int
    involvements: list[Any]
    interventions: list[Any]
    events: list[Event]
    moments: list[MonitoringMoment]
    chart: MonitoringChart | None
    changes_since_visit: list[ChangeRecord] = field(default_factory=list)
    previous_visit: datetime | None = None
    emergency_accesses: list[EmergencyAccess] = field(default_factory=list)


def _normalised(score: int, scale: str) -> float:
    low, high = SCALE_RANGES[ScoreScale(scale)]
    return (score - low) / (high - low) * 10


def _chart(moments: list[MonitoringMoment]) -> MonitoringChart | None:
    ordered = sorted(moments, key=lambda m: (m.recorded_on, m.pk))
    if len(ordered) < 2:
        return None
    width, height, margin = 480, 160, 10
    step = (width - 2 * margin) / (len(ordered) - 1)

    def y(value: float) -> float:
        return margin + (10 - value) / 10 * (height - 2 * margin)

    safety, goals = [], []
    for index, moment in enumerate(ordered):
        x = margin + index * step
        label = moment.recorded_on.strftime("%d-%m-%Y")
        safety.append(ChartPoint(x, y(moment.safety), label))
        scores = [_normalised(s.score, s.scale) for s in moment.scores.all()]
        if scores:
            goals.append(ChartPoint(x, y(sum(scores) / len(scores)), label))
    return MonitoringChart(width, height, safety, goals)


def _previous_visit(case: Case, user_id: int) -> datetime | None:
    """The user's read before the one that opened this page."""
    visit = _VISITS.first(reference=case.reference, user_ref=str(user_id))
    return visit if isinstance(visit, datetime) else None


def _emergency_accesses(case: Case) -> list[EmergencyAccess]:
    """Emergency reads of the last 90 days, newest first. A case has few: they are filtered
    here, so that the read stays the same from one day to the next and is compiled once."""
    since = timezone.now() - timedelta(days=EMERGENCY_ACCESS_SHOWN_DAYS)
    return [
        access
        for access in _EMERGENCY_ACCESSES.list(case_id=case.pk, known={"case": case})
        if access.started_at >= since
    ]


def case_overview(case: Case, user_id: int, *, show_emergency: bool) -> CaseOverview:
    known = {"case": case}
    analysis = _LATEST_ANALYSIS.first(case_id=case.pk, known=known)
    plan = _LATEST_PLAN.first(case_id=case.pk, known=known)
    moments = _MOMENTS.list(case_id=case.pk)
    previous = _previous_visit(case, user_id)
    changes: list[ChangeRecord] = []
    if previous is not None:
        changes = _CHANGES.list(case_id=case.pk, since=previous, user_id=user_id, known=known)
    return CaseOverview(
        case=case,
        members=_MEMBERS.list(case_id=case.pk, known=known),
        goals=_OPEN_GOALS.list(case_id=case.pk, known=known),
        analysis=analysis,
        analysis_domains=[
            (domain.label, analysis.hypotheses[domain.value])
            for domain in LifeDomain
            if analysis is not None and analysis.hypotheses.get(domain.value)
        ],
        analysis_count=getattr(analysis, "version_count", 0),
        plan=plan,
        plan_count=getattr(plan, "version_count", 0),
        involvements=_INVOLVEMENTS.list(case_id=case.pk, known=known),
        interventions=_INTERVENTIONS.list(case_id=case.pk, known=known),
        events=_EVENTS.list(case_id=case.pk, known=known),
        moments=moments,
        chart=_chart(moments),
        changes_since_visit=changes,
        previous_visit=previous,
        emergency_accesses=_emergency_accesses(case) if show_emergency else [],
    )
