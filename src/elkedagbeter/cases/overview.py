"""Everything a case page shows, read in a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result
from elkedagbeter.monitoring.models import SCALE_RANGES, GoalScore, MonitoringMoment, ScoreScale

from .models import (
    AnalysisVersion,
    Case,
    ChangeRecord,
    EmergencyAccess,
    Event,
    LifeDomain,
    PlanVersion,
)


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
    visits = AccessLogEntry.objects.filter(
        object_ref=case.reference,
        user_id_ref=str(user_id),
        event_code=EventCode.CASE_READ,
        result=Result.SUCCESS,
    ).values_list("occurred_at", flat=True)[1:2]
    return next(iter(visits), None)


def case_overview(case: Case, user_id: int, *, show_emergency: bool) -> CaseOverview:
    analyses = list(case.analysis_versions.select_related("created_by")[:1])
    plans = list(case.plan_versions.select_related("created_by")[:1])
    analysis = analyses[0] if analyses else None
    moments = list(
        MonitoringMoment.objects.filter(case=case).prefetch_related(
            Prefetch("scores", queryset=GoalScore.objects.select_related("goal"))
        )[:24]
    )
    previous = _previous_visit(case, user_id)
    changes: list[ChangeRecord] = []
    if previous is not None:
        changes = list(
            case.changes.filter(changed_at__gt=previous)
            .exclude(changed_by_id=user_id)
            .select_related("changed_by")[:50]
        )
    return CaseOverview(
        case=case,
        members=list(case.members.all()),
        goals=list(case.goals.filter(closed_on__isnull=True)),
        analysis=analysis,
        analysis_domains=[
            (domain.label, analysis.hypotheses[domain.value])
            for domain in LifeDomain
            if analysis is not None and analysis.hypotheses.get(domain.value)
        ],
        analysis_count=case.analysis_versions.count(),
        plan=plans[0] if plans else None,
        plan_count=case.plan_versions.count(),
        involvements=list(case.involvements.all()),
        interventions=list(case.interventions.select_related("catalogue_item")),
        events=list(case.events.select_related("member")),
        moments=moments,
        chart=_chart(moments),
        changes_since_visit=changes,
        previous_visit=previous,
        emergency_accesses=list(
            case.emergency_accesses.select_related("user").filter(
                started_at__gte=timezone.now() - timedelta(days=90)
            )
        )
        if show_emergency
        else [],
    )
