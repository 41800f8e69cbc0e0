"""Patterns: theme suggestions from approved stories, and the moderator's curation of them.

There is no task queue in this project yet: ``suggest_story_patterns`` (a management command, for
cron) and the moderator's button both call ``run_suggestions``; the button runs it in the request,
which is fine up to a few thousand stories (see docs/stories.md for timings).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from elkedagbeter.indicators.links import (
    Links,
    clean_statements,
    clean_zero_goals,
    links,
    raise_query,
    replace_codes,
)
from elkedagbeter.organisations.models import Region

from . import themes
from .models import (
    Answer,
    Pattern,
    PatternStatement,
    PatternStory,
    PatternZeroGoal,
    Signifier,
    Story,
    StoryStatus,
    Suggestion,
    SuggestionRun,
    SuggestionStatus,
    Tip,
)
from .signification import vector, vector_keys

EXEMPLARS = 3


def suggestion_stories(region: Region | None) -> QuerySet[Story]:
    """What theme finding looks at: approved stories told with consent for learning."""
    stories = Story.objects.filter(status=StoryStatus.APPROVED, consent_learning=True)
    return stories.filter(region=region) if region is not None else stories


def documents(stories: Iterable[Story]) -> list[themes.Doc]:
    """Stories as documents: headline and text, plus the signification as numbers."""
    stories = list(stories)
    framework_ids = {story.framework_id for story in stories}
    signifiers = list(Signifier.objects.filter(framework_id__in=framework_ids))
    keys = vector_keys(signifiers)
    codes = {s.pk: (s.code, str(s.kind)) for s in signifiers}
    answers: dict[int, list[tuple[str, str, Answer]]] = defaultdict(list)
    for answer in Answer.objects.filter(story__in=[s.pk for s in stories]).iterator(2000):
        code, kind = codes[answer.signifier_id]
        answers[answer.story_id].append((code, kind, answer))
    return [
        themes.Doc(
            key=story.pk,
            text=f"{story.title}. {story.text}",
            signification=vector(answers.get(story.pk, []), keys) if keys else (),
        )
        for story in stories
    ]


def run_suggestions(
    region: Region | None = None, *, k: int | None = None, method: str = themes.DEFAULT_METHOD
) -> SuggestionRun:
    """Cluster the approved stories and store each cluster as an open suggestion. Open
    suggestions of earlier runs for the same region are dismissed: they are out of date."""
    started = time.perf_counter()
    stories = list(suggestion_stories(region).only("pk", "title", "text", "framework_id"))
    clusters = themes.suggest(documents(stories), k=k, method=method)
    with transaction.atomic():
        Suggestion.objects.filter(run__region=region, status=SuggestionStatus.OPEN).update(
            status=SuggestionStatus.DISMISSED
        )
        run = SuggestionRun.objects.create(region=region, method=method, story_count=len(stories))
        through = Suggestion.stories.through
        links = []
        for cluster in clusters:
            suggestion = Suggestion.objects.create(
                run=run,
                keywords=cluster.keywords,
                size=len(cluster.members),
                exemplars=cluster.members[:EXEMPLARS],
            )
            links += [through(suggestion_id=suggestion.pk, story_id=key) for key in cluster.members]
        through.objects.bulk_create(links, batch_size=5000)
        run.seconds = time.perf_counter() - started
        run.save(update_fields=["seconds"])
    return run


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "patroon"
    slug, number = base, 2
    while Pattern.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_pattern(
    name: str, *, region: Region | None, description: str = "", stories: Iterable[int] = ()
) -> Pattern:
    pattern = Pattern.objects.create(
        name=name, slug=unique_slug(name), description=description, region=region
    )
    add_stories(pattern, stories)
    return pattern


def add_stories(
    pattern: Pattern, story_ids: Iterable[int], *, exemplary: Iterable[int] = ()
) -> None:
    exemplary = set(exemplary)
    present = set(pattern.memberships.values_list("story_id", flat=True))
    PatternStory.objects.bulk_create(
        PatternStory(pattern=pattern, story_id=story_id, exemplary=story_id in exemplary)
        for story_id in dict.fromkeys(story_ids)
        if story_id not in present
    )
    if exemplary:
        pattern.memberships.filter(story_id__in=exemplary).update(exemplary=True)


@transaction.atomic
def accept_suggestion(suggestion: Suggestion, name: str) -> Pattern:
    """A suggestion becomes a draft pattern; its most central stories are the first exemplars."""
    region = suggestion.run.region
    pattern = create_pattern(name, region=region)
    add_stories(
        pattern,
        suggestion.stories.values_list("pk", flat=True),
        exemplary=suggestion.exemplars,
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.pattern = pattern
    suggestion.save(update_fields=["status", "pattern"])
    return pattern


@transaction.atomic
def merge_suggestion(suggestion: Suggestion, pattern: Pattern) -> Pattern:
    add_stories(pattern, suggestion.stories.values_list("pk", flat=True))
    suggestion.status = SuggestionStatus.MERGED
    suggestion.pattern = pattern
    suggestion.save(update_fields=["status", "pattern"])
    return pattern


def dismiss_suggestion(suggestion: Suggestion) -> None:
    suggestion.status = SuggestionStatus.DISMISSED
    suggestion.save(update_fields=["status"])


@transaction.atomic
def merge_patterns(source: Pattern, target: Pattern) -> Pattern:
    """Move ``source``'s stories (and tips ``target`` lacks) into ``target``; archive source."""
    exemplary = source.memberships.filter(exemplary=True).values_list("story_id", flat=True)
    add_stories(target, source.memberships.values_list("story_id", flat=True), exemplary=exemplary)
    have = set(target.tips.values_list("audience", flat=True))
    for tip in source.tips.exclude(audience__in=have):
        Tip.objects.create(pattern=target, audience=tip.audience, text=tip.text)
    source.memberships.all().delete()
    source.status = "gearchiveerd"
    source.save(update_fields=["status"])
    source.suggestions.update(pattern=target)
    return target


@transaction.atomic
def save_tips(pattern: Pattern, tips: dict[str, str]) -> None:
    for audience, text in tips.items():
        if text.strip():
            Tip.objects.update_or_create(
                pattern=pattern, audience=audience, defaults={"text": text.strip()}
            )
        else:
            Tip.objects.filter(pattern=pattern, audience=audience).delete()


def set_exemplary(pattern: Pattern, story_id: int, exemplary: bool) -> None:
    pattern.memberships.filter(story_id=story_id).update(exemplary=exemplary)


def remove_story(pattern: Pattern, story_id: int) -> None:
    pattern.memberships.filter(story_id=story_id).delete()


@transaction.atomic
def save_links(pattern: Pattern, zero_goals: list[str], statements: list[str]) -> None:
    """The zero goals and child-perspective statements the pattern concerns."""
    replace_codes(PatternZeroGoal, "pattern", pattern, "zero_goal", clean_zero_goals(zero_goals))
    replace_codes(PatternStatement, "pattern", pattern, "statement", clean_statements(statements))


def links_of(pattern: Pattern) -> Links:
    """The pattern's links, for its pages and the O-plaat."""
    return links(
        PatternZeroGoal.objects.filter(pattern=pattern).values_list("zero_goal", flat=True),
        PatternStatement.objects.filter(pattern=pattern).values_list("statement", flat=True),
    )


def pattern_thread(pattern: Pattern) -> dict[str, object]:
    """A pattern page's links to zero goals and statements, and the query of its "Knelpunt
    melden" (the raise page checks for similar knelpunten before sending)."""
    found = links_of(pattern)
    query = raise_query(found, title=pattern.name)
    return {"links": found, "raise_query": f"{query}&patroon={pattern.pk}"}
