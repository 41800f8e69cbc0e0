"""Review findings on a zero goal's O-plaat: the conclusions of rounds the user may read the
findings of (their own expert team's, or shared ones), and the shared lessons, linked to the
goal. A conclusion links to the round's findings page, never to a dossier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from elkedagbeter.organisations.scoping import expert_team_ids

from .models import Conclusion, Lesson, RoundStatus
from .selectors import shared_rounds_visible_to

PLATE_FINDINGS = 10


@dataclass(frozen=True)
class PlateFindings:
    conclusions: list[Conclusion]
    lessons: list[Lesson]

    def __bool__(self) -> bool:
        return bool(self.conclusions or self.lessons)


def plate_findings(user: Any, zero_goal: str, region_id: int | None) -> PlateFindings:
    rounds = Q(round__expert_team_id__in=expert_team_ids(user)) | Q(
        round__in=shared_rounds_visible_to(user).values("pk")
    )
    conclusions = Conclusion.objects.filter(rounds, zero_goals__zero_goal=zero_goal).exclude(
        round__status=RoundStatus.PREPARING
    )
    lessons = Lesson.objects.filter(
        Q(shareable=True) | Q(round__expert_team_id__in=expert_team_ids(user)),
        zero_goals__zero_goal=zero_goal,
    )
    if region_id is not None:
        conclusions = conclusions.filter(round__expert_team__region_id=region_id)
        lessons = lessons.filter(round__expert_team__region_id=region_id)
    if not user.is_authenticated:
        return PlateFindings([], [])
    related = ("round__expert_team",)
    return PlateFindings(
        list(
            conclusions.select_related(*related).distinct().order_by("-created_at")[:PLATE_FINDINGS]
        ),
        list(lessons.select_related(*related).distinct().order_by("-created_at")[:PLATE_FINDINGS]),
    )
