"""The decision a knelpunt is solved with: where it may apply (the body's area) and which
indicators it should move, for the move form on the knelpunt's page."""

from __future__ import annotations

from typing import Any

from elkedagbeter.indicators.decision_forms import (
    DecisionForm,
    DecisionPlace,
    default_place_key,
    places_within,
)
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS

from .models import Bottleneck


def decision_places(bottleneck: Bottleneck) -> tuple[list[DecisionPlace], str]:
    """The places within the body's area (a national body: the knelpunt's region), and the
    body's own place as the default."""
    body = bottleneck.body
    region = body.region or bottleneck.region
    places = places_within(region, municipality=body.municipality, team=body.team)
    return places, default_place_key(region, body.municipality, body.team)


def linked_zero_goals(bottleneck: Bottleneck) -> list[str]:
    """The zero goals the knelpunt is linked to: their indicators are preselected."""
    codes = bottleneck.zero_goals.values_list("zero_goal", flat=True)
    return [code for code in codes if code in ZERO_GOALS]


def decision_form(bottleneck: Bottleneck, data: Any = None, *, check: bool = True) -> DecisionForm:
    """The decision part of the move form; ``check=False`` shows what was typed unchecked."""
    places, default = decision_places(bottleneck)
    goals = linked_zero_goals(bottleneck)
    indicators = [code for goal in goals for code in (ZERO_GOALS[goal].indicator,)]
    return DecisionForm(
        data if check else None,
        initial=None if check else DecisionForm.typed(data),
        places=places,
        default_place=default,
        indicators=indicators,
        zero_goal_codes=goals,
    )
