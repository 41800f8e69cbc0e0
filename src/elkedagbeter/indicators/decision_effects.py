"""A decision with its measured effects, for the page of whoever looks at it.

Everyone who may read the decision reads what it says; the effects (protected aggregates of the
place) only those who may see that place's figures, as on the dashboard: a role in
``FIGURE_ROLES`` and the place within their area (``places.may_see_place``).

Used by the knelpunt page, the initiative page, the O-plaat and the decision's own page:
``{% include "indicators/includes/decision.html" with item=item %}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.scoping import has_role

from .decisions import place_of
from .effects import Effect, measure_effect
from .models import Decision
from .places import Place, may_see_place
from .registry import BY_CODE as INDICATORS
from .views import FIGURE_ROLES


@dataclass(frozen=True)
class DecisionEffects:
    decision: Decision
    place: Place
    indicator_names: list[str]
    effects: list[Effect]
    may_see_figures: bool


def may_see_effects(user: Any, place: Place) -> bool:
    return isinstance(user, User) and has_role(user, *FIGURE_ROLES) and may_see_place(user, place)


def with_effects(
    user: Any, decision: Decision, *, only: Iterable[str] | None = None
) -> DecisionEffects:
    """The decision and, if ``user`` may see its place's figures, the effect on each indicator
    it should move (``only``: just these indicators, e.g. a zero goal's)."""
    place = place_of(decision)
    codes = [code for code in decision.indicator_codes if code in INDICATORS]
    names = [str(INDICATORS[code].name) for code in codes]
    if only is not None:
        wanted = set(only)
        codes = [code for code in codes if code in wanted]
    allowed = may_see_effects(user, place)
    effects = (
        [measure_effect(code, area=place, changed_on=decision.starts_on) for code in codes]
        if allowed
        else []
    )
    return DecisionEffects(decision, place, names, effects, allowed)
