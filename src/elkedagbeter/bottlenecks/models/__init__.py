"""Knelpunten: systemic bottlenecks, the bodies with the mandate to solve them ("wie is ervan?"),
the rules that route one to the other, and each bottleneck's append-only status history."""

from .bodies import ResponsibleBody
from .bottleneck import Bottleneck
from .categories import DEFAULT_LEVEL, LEVEL_ORDER, Category, Level, next_level
from .history import AppendOnlyError, OverdueNotice, StatusChange, StatusChangeQuerySet
from .partners import ANSWERS, PartnerAnswer, PartnerRequest, PartnerStatus
from .routing import DayKind, ResponseNorm, RoutingRule
from .states import AWAITING_RESPONSE, CLOSED, OPEN, TEXT_REQUIRED, TRANSITIONS, Status
from .thread import Comment, Endorsement
from .zero_goals import BottleneckStatement, BottleneckZeroGoal

__all__ = [
    "ANSWERS",
    "AWAITING_RESPONSE",
    "CLOSED",
    "DEFAULT_LEVEL",
    "LEVEL_ORDER",
    "OPEN",
    "TEXT_REQUIRED",
    "TRANSITIONS",
    "AppendOnlyError",
    "Bottleneck",
    "BottleneckStatement",
    "BottleneckZeroGoal",
    "Category",
    "Comment",
    "DayKind",
    "Endorsement",
    "Level",
    "OverdueNotice",
    "PartnerAnswer",
    "PartnerRequest",
    "PartnerStatus",
    "ResponseNorm",
    "ResponsibleBody",
    "RoutingRule",
    "Status",
    "StatusChange",
    "StatusChangeQuerySet",
    "next_level",
]
