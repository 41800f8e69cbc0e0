"""The decision an initiative, or a new round of it, starts with: where it may apply (the
initiative's region, a municipality or team in it) and which indicators it should move (by
default its zero goal's)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from elkedagbeter.indicators.decision_effects import DecisionEffects, with_effects
from elkedagbeter.indicators.decision_forms import (
    DecisionForm,
    DecisionPlace,
    default_place_key,
    places_within,
)
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.organisations.models import Region

from . import selectors
from .models import ImprovementInitiative


def default_indicators(zero_goal: str, indicator: str = "") -> list[str]:
    goal = ZERO_GOALS.get(zero_goal)
    if goal is not None:
        return [goal.indicator, *goal.also]
    return [indicator] if indicator else []


def decision_form(
    data: Any,
    *,
    regions: Iterable[Region],
    zero_goal: str = "",
    indicator: str = "",
    initiative: ImprovementInitiative | None = None,
) -> DecisionForm:
    places: list[DecisionPlace] = []
    for region in regions:
        places += places_within(region)
    default = ""
    if initiative is not None:
        default = default_place_key(initiative.region, team=initiative.team)
    return DecisionForm(
        data,
        places=places,
        default_place=default,
        indicators=default_indicators(zero_goal, indicator),
        zero_goal_codes=[zero_goal] if zero_goal in ZERO_GOALS else [],
    )


def round_effects(
    user: Any, initiative: ImprovementInitiative
) -> list[tuple[int, ImprovementInitiative, DecisionEffects | None]]:
    """Each round of the circle with its decision and, for those who may see the figures, its
    measured effect: the rounds side by side."""
    return [
        (number, r, with_effects(user, r.decision) if r.decision is not None else None)
        for number, r in enumerate(selectors.rounds(initiative), start=1)
    ]
