"""Figures per responsible body in a region: how many bottlenecks it received, how fast it first
responded (median, in working days), the share it solved, how many are open past the deadline,
and the trend of what it received per quarter. Counts of 1 to 4 are suppressed with
core.privacy (the received counts also against their region total); the median and the share
are only given over at least five bottlenecks."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from elkedagbeter.core.privacy import (
    THRESHOLD,
    ProtectedCount,
    protect_count,
    protect_ratio,
    protect_table,
)
from elkedagbeter.organisations.models import Region

from . import workdays
from .models import AWAITING_RESPONSE, CLOSED, Bottleneck, ResponsibleBody, Status, StatusChange

QUARTERS = 4


@dataclass
class _Tally:
    received: set[int] = field(default_factory=set)
    response_days: list[int] = field(default_factory=list)
    solved: set[int] = field(default_factory=set)
    overdue: int = 0
    by_quarter: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))


@dataclass(frozen=True)
class BodyFigures:
    body: ResponsibleBody
    received: ProtectedCount
    median_response_days: float | None
    share_solved: float | None
    overdue: ProtectedCount
    trend: list[ProtectedCount]


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    rows: list[BodyFigures]
    total_received: ProtectedCount
    quarters: list[tuple[int, int]]


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def last_quarters(today: date, count: int = QUARTERS) -> list[tuple[int, int]]:
    year, quarter = quarter_of(today)
    quarters = []
    for _ in range(count):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(quarters))


def _tallies(region: Region, today: date) -> dict[int, _Tally]:
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    changes = (
        StatusChange.objects.filter(bottleneck__region=region)
        .order_by("bottleneck_id", "at", "id")
        .values_list("bottleneck_id", "status", "body_id", "at")
    )
    previous: tuple[int, str, int, object] | None = None
    for bottleneck_id, status, body_id, at in changes:
        # The change after a landing is always the body's response (see models.TRANSITIONS).
        if (
            previous is not None
            and previous[0] == bottleneck_id
            and previous[1] in AWAITING_RESPONSE
        ):
            landed = timezone.localdate(previous[3])  # type: ignore[arg-type]
            tallies[previous[2]].response_days.append(
                workdays.working_days_between(landed, timezone.localdate(at))
            )
        if status in AWAITING_RESPONSE:
            tally = tallies[body_id]
            tally.received.add(bottleneck_id)
            tally.by_quarter[quarter_of(timezone.localdate(at))] += 1
        if status == Status.SOLVED:
            tallies[body_id].solved.add(bottleneck_id)
        previous = (bottleneck_id, status, body_id, at)
    overdue = (
        Bottleneck.objects.filter(region=region, due_on__lt=today)
        .exclude(status__in=CLOSED)
        .values_list("body_id", flat=True)
    )
    for body_id in overdue:
        tallies[body_id].overdue += 1
    return tallies


def region_figures(region: Region, today: date | None = None) -> RegionFigures:
    today = today or timezone.localdate()
    tallies = _tallies(region, today)
    bodies = {body.pk: body for body in ResponsibleBody.objects.filter(pk__in=tallies)}
    received = protect_table({pk: len(tally.received) for pk, tally in tallies.items()})
    quarters = last_quarters(today)
    rows = []
    for pk, tally in tallies.items():
        responded = tally.response_days
        rows.append(
            BodyFigures(
                body=bodies[pk],
                received=received.cells[pk],
                median_response_days=statistics.median(responded)
                if len(responded) >= THRESHOLD
                else None,
                share_solved=protect_ratio(len(tally.solved & tally.received), len(tally.received)),
                overdue=protect_count(tally.overdue),
                trend=[protect_count(tally.by_quarter.get(q, 0)) for q in quarters],
            )
        )
    rows.sort(key=lambda row: (row.body.level, row.body.name))
    return RegionFigures(region, rows, received.total, quarters)
