"""The story patterns on a zero goal's O-plaat: those linked to the goal that the user may read
(published ones, and the drafts of their regions), national ones and the place's region's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from .models import Pattern, PatternStatus
from .selectors import curated_patterns, readable_patterns

PLATE_PATTERNS = 10


@dataclass(frozen=True)
class PlatePattern:
    pattern: Pattern
    url: str  # the public page, or the curation page for a draft the user curates; or ""

    @property
    def published(self) -> bool:
        return self.pattern.status == PatternStatus.PUBLISHED


def plate_patterns(user: Any, zero_goal: str, region_id: int | None) -> list[PlatePattern]:
    readable = readable_patterns(user).values("pk")
    found = Pattern.objects.filter(
        Q(pk__in=readable) | Q(status=PatternStatus.PUBLISHED), zero_goals__zero_goal=zero_goal
    ).exclude(status=PatternStatus.ARCHIVED)
    if region_id is not None:
        found = found.filter(Q(region__isnull=True) | Q(region_id=region_id))
    patterns = list(found.distinct().order_by("name")[:PLATE_PATTERNS])
    curated = set(
        curated_patterns(user).filter(pk__in=[p.pk for p in patterns]).values_list("pk", flat=True)
    )
    listed = []
    for pattern in patterns:
        if pattern.status == PatternStatus.PUBLISHED:
            url = reverse("stories:public_pattern", kwargs={"slug": pattern.slug})
        elif pattern.pk in curated:
            url = reverse("stories:pattern_edit", kwargs={"slug": pattern.slug})
        else:
            url = ""
        listed.append(PlatePattern(pattern, url))
    return listed
