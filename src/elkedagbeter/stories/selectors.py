"""Scoped reads of stories, patterns and rounds.

- Everyone with a role sees, as figures and as single de-identified stories, the approved stories
  told with consent for learning in the youth regions they work in (the whole country for
  national memberships). Stories without a region count nationally only.
- Analysts (beleidsmedewerkers) moderate and curate: stories and patterns of their municipality
  or region, or everything with a national membership.
- Anonymous visitors see published patterns and the stories in them told with consent to
  publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from elkedagbeter.core.deidentify import LABELS
from elkedagbeter.organisations.models import Region, Role
from elkedagbeter.organisations.scoping import memberships_of

from .models import (
    ManualReplacement,
    Pattern,
    PatternStatus,
    Story,
    StoryStatus,
    Suggestion,
    SuggestionStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class StoryArea:
    national: bool = False
    region_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.national or self.region_ids or self.municipality_ids)

    def q(self, prefix: str = "") -> Q:
        if self.national:
            return Q()
        if self.is_empty:
            return Q(pk__in=[])
        return Q(**{f"{prefix}region_id__in": self.region_ids}) | Q(
            **{f"{prefix}municipality_id__in": self.municipality_ids}
        )


def reading_area(user: AnyUser) -> StoryArea:
    """The regions whose stories the user may learn from."""
    regions: set[int] = set()
    for m in memberships_of(user):
        if m.team_id is None and m.municipality_id is None and m.region_id is None:
            return StoryArea(national=True)
        if m.team is not None:
            regions.add(m.team.region_id)
        elif m.municipality is not None:
            regions.add(m.municipality.region_id)
        elif m.region_id is not None:
            regions.add(m.region_id)
    return StoryArea(region_ids=frozenset(regions))


def moderation_area(user: AnyUser) -> StoryArea:
    """Where an analyst moderates stories and curates patterns."""
    analyst = [m for m in memberships_of(user) if m.role == Role.ANALYST]
    if any(m.municipality_id is None and m.region_id is None for m in analyst):
        return StoryArea(national=True)
    return StoryArea(
        region_ids=frozenset(m.region_id for m in analyst if m.region_id is not None),
        municipality_ids=frozenset(m.municipality_id for m in analyst if m.municipality_id),
    )


def is_moderator(user: AnyUser) -> bool:
    return not moderation_area(user).is_empty


# --- Stories -------------------------------------------------------------------------------------


def learning_stories(user: AnyUser) -> QuerySet[Story]:
    """Approved stories told with consent for learning, within the user's regions."""
    return Story.objects.filter(
        reading_area(user).q(), status=StoryStatus.APPROVED, consent_learning=True
    )


def stories_to_moderate(user: AnyUser) -> QuerySet[Story]:
    return (
        Story.objects.filter(moderation_area(user).q(), status=StoryStatus.SUBMITTED)
        .select_related("municipality", "region", "framework")
        .order_by("submitted_at", "pk")
    )


def moderated_story(user: AnyUser, reference: str) -> Story:
    """A story in the user's moderation area (not withdrawn), or 404."""
    story = (
        Story.objects.filter(moderation_area(user).q(), reference=reference)
        .exclude(status=StoryStatus.WITHDRAWN)
        .select_related("municipality", "region", "framework", "team")
        .first()
    )
    if story is None:
        raise Http404
    return story


def readable_story(user: AnyUser, reference: str) -> Story:
    story = (
        learning_stories(user)
        .filter(reference=reference)
        .select_related("municipality", "region", "framework")
        .first()
    )
    if story is None:
        raise Http404
    return story


def public_stories() -> QuerySet[Story]:
    return Story.objects.filter(status=StoryStatus.APPROVED, consent_publication=True)


# --- Patterns ------------------------------------------------------------------------------------


def curated_patterns(user: AnyUser) -> QuerySet[Pattern]:
    """Patterns an analyst curates: national ones only with a national membership."""
    area = moderation_area(user)
    if area.national:
        scope = Q()
    elif area.is_empty:
        scope = Q(pk__in=[])
    else:
        scope = Q(region_id__in=area.region_ids) | Q(
            region__municipalities__in=area.municipality_ids
        )
    return (
        Pattern.objects.filter(scope)
        .exclude(status=PatternStatus.ARCHIVED)
        .annotate(size=Count("memberships", distinct=True))
        .distinct()
        .order_by("name")
    )


def curated_pattern(user: AnyUser, slug: str) -> Pattern:
    pattern = curated_patterns(user).filter(slug=slug).first()
    if pattern is None:
        raise Http404
    return pattern


def readable_patterns(user: AnyUser) -> QuerySet[Pattern]:
    """Patterns whose figures the user may see: national ones and those of their regions."""
    area = reading_area(user)
    scope = Q() if area.national else Q(region__isnull=True) | Q(region_id__in=area.region_ids)
    return Pattern.objects.filter(scope).exclude(status=PatternStatus.ARCHIVED).order_by("name")


def published_patterns() -> QuerySet[Pattern]:
    return Pattern.objects.filter(status=PatternStatus.PUBLISHED).order_by("name")


def published_pattern(slug: str) -> Pattern:
    pattern = published_patterns().filter(slug=slug).first()
    if pattern is None:
        raise Http404
    return pattern


def public_pattern_stories(pattern: Pattern) -> QuerySet[Story]:
    """The pattern's exemplary stories that may be published."""
    return public_stories().filter(
        pattern_memberships__pattern=pattern, pattern_memberships__exemplary=True
    )


def suggestion_regions(user: AnyUser) -> tuple[bool, QuerySet[Region]]:
    """Whether the user may run theme finding over all stories, and over which regions."""
    area = moderation_area(user)
    if area.national:
        return True, Region.objects.all()
    return False, Region.objects.filter(pk__in=area.region_ids)


def open_suggestions(user: AnyUser) -> QuerySet[Suggestion]:
    national, regions = suggestion_regions(user)
    scope = Q() if national else Q(run__region__in=regions)
    return (
        Suggestion.objects.filter(scope, status=SuggestionStatus.OPEN)
        .select_related("run__region")
        .order_by("-run__started_at", "-size")
    )


def open_suggestion(user: AnyUser, suggestion_id: int) -> Suggestion:
    found = open_suggestions(user).filter(pk=suggestion_id).first()
    if found is None:
        raise Http404
    return found


def manual_fixes_per_kind(user: AnyUser | None) -> dict[str, int]:
    """How often moderators replaced by hand what the de-identifier missed, per kind (the tag's
    label), in the user's moderation area; everywhere when ``user`` is None (the benchmark)."""
    fixes = ManualReplacement.objects.all()
    if user is not None:
        fixes = fixes.filter(moderation_area(user).q())
    rows = fixes.values("kind").annotate(count=Count("pk")).order_by("-count", "kind")
    return {LABELS.get(row["kind"], row["kind"]): row["count"] for row in rows}
