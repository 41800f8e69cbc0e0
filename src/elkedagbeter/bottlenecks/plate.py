"""The knelpunten on a zero goal's O-plaat: the open ones linked to the goal, with the body that
holds the mandate and their status, and how many were raised from a case (a protected count).

The part lists only what the user sees on the board, and never which case a knelpunt came
from: the O-plaat is shown to bodies and aggregate roles too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elkedagbeter.core.privacy import ProtectedCount, protect_count

from .models import OPEN, Bottleneck
from .selectors import bottlenecks_visible_to, may_raise

PLATE_BOTTLENECKS = 10


@dataclass(frozen=True)
class PlateBottlenecks:
    zero_goal: str
    open: list[Bottleneck]
    more_open: int  # open ones beyond those listed
    from_cases: ProtectedCount  # knelpunten on this goal raised from a case, "< 5" when small
    can_raise: bool


def plate_bottlenecks(user: Any, zero_goal: str, region_id: int | None) -> PlateBottlenecks:
    linked = bottlenecks_visible_to(user).filter(zero_goals__zero_goal=zero_goal)
    if region_id is not None:
        linked = linked.filter(region_id=region_id)
    open_ones = linked.filter(status__in=OPEN)
    listed = list(open_ones[: PLATE_BOTTLENECKS + 1])
    more = open_ones.count() - PLATE_BOTTLENECKS if len(listed) > PLATE_BOTTLENECKS else 0
    from_cases = linked.filter(case__isnull=False).order_by().values("pk").distinct().count()
    return PlateBottlenecks(
        zero_goal=zero_goal,
        open=listed[:PLATE_BOTTLENECKS],
        more_open=more,
        from_cases=protect_count(from_cases),
        can_raise=may_raise(user),
    )
