"""Which zero goals a case touches, for the case page (a part of ``cases.page_parts``).

The same observation functions that count the figures (``registry.py``) read the case, so the
case page and the O-plaat agree: a seclusion counts for 0 separaties, a third transfer within
twelve months for 0 overplaatsingen, and so on. A zero goal is touched when its indicator sees at
least one counted observation (numerator above zero) in the case's history. The same data give
the continuity line: professionals and organisations in the last twelve months
(``continuity.latest``), counted as the continuity indicators count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from elkedagbeter.cases.models import Case
from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.cases.page_parts import CasePart

from .continuity import latest
from .facts import case_data
from .registry import BY_CODE as INDICATORS
from .registry import CaseData
from .zero_goals import ZERO_GOALS


@dataclass(frozen=True)
class TouchedGoal:
    code: str
    title: Promise
    times: int  # how often the indicator counted it
    first_on: date
    last_on: date
    plate_url: str


def touched_zero_goals(data: CaseData) -> list[TouchedGoal]:
    touched = []
    for goal in ZERO_GOALS:
        days = [
            observation.start
            for observation in INDICATORS[goal.indicator].observe(data)
            if observation.numerator > 0
        ]
        if days:
            touched.append(
                TouchedGoal(
                    code=goal.code,
                    title=goal.title,
                    times=len(days),
                    first_on=min(days),
                    last_on=max(days),
                    plate_url=reverse("indicators:plate", args=[goal.code]),
                )
            )
    return touched


def case_part(user: Any, case: Case, overview: CaseOverview) -> CasePart:
    """The case page's part: the touched zero goals with a link to each O-plaat, and how many
    professionals and organisations the family had in the last twelve months."""
    data = case_data(case, overview)
    return CasePart(
        "indicators/includes/case_zero_goals.html",
        {"touched": touched_zero_goals(data), "continuity": latest(data)},
    )
