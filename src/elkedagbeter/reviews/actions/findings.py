"""What a round teaches: conclusions (raised as bottlenecks where asked) and lessons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.http import HttpRequest

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.actions import Draft, raise_bottleneck
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.indicators.links import clean_statements, clean_zero_goals, replace_codes
from elkedagbeter.organisations.models import Municipality

from ..models import (
    Conclusion,
    ConclusionStatement,
    ConclusionZeroGoal,
    Lesson,
    LessonStatement,
    LessonZeroGoal,
    ReviewRound,
)
from .guards import acting_user, require_drawn, team_member


def add_conclusion(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    text: str,
    raise_bottleneck: bool = False,
    bottleneck_category: str = "",
    bottleneck_title: str = "",
    zero_goals: Sequence[str] = (),
    statements: Sequence[str] = (),
) -> Conclusion:
    team_member(request, round_)
    require_drawn(round_)
    if not raise_bottleneck:
        bottleneck_category = bottleneck_title = ""
    return conclude(
        acting_user(request),
        round_,
        text=text,
        category=bottleneck_category,
        title=bottleneck_title,
        zero_goals=zero_goals,
        statements=statements,
    )


@transaction.atomic
def conclude(
    actor: User,
    round_: ReviewRound,
    *,
    text: str,
    category: str = "",
    title: str = "",
    zero_goals: Sequence[str] = (),
    statements: Sequence[str] = (),
    level: str = "",
    municipality: Municipality | None = None,
    at: datetime | None = None,
) -> Conclusion:
    """Record a conclusion. With a category and a title it is also raised as a bottleneck of
    the round's region, from its expert team, and routed like any other; the zero goals and
    statements go along to the bottleneck, and so do its level and municipality when the
    reviewers name them (empty: the category's usual level, routed from the expert team);
    ``at`` is when it was raised (default now; the demo replays the past)."""
    zero_goals, statements = clean_zero_goals(zero_goals), clean_statements(statements)
    bottleneck = None
    if category:
        draft = Draft(
            region=round_.region,
            category=category,
            title=title,
            description=text,
            team=round_.expert_team,
            level=level,
            municipality=municipality,
            zero_goals=tuple(zero_goals),
            statements=tuple(statements),
        )
        bottleneck = raise_bottleneck(actor, draft, at=at)
    conclusion = Conclusion.objects.create(
        round=round_,
        text=deidentify(text.strip()),
        raise_bottleneck=bottleneck is not None,
        bottleneck_category=category,
        bottleneck_title=deidentify(title.strip()),
        bottleneck=bottleneck,
        created_by=actor,
    )
    replace_codes(ConclusionZeroGoal, "conclusion", conclusion, "zero_goal", zero_goals)
    replace_codes(ConclusionStatement, "conclusion", conclusion, "statement", statements)
    return conclusion


@transaction.atomic
def add_lesson(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    title: str,
    text: str,
    shareable: bool,
    zero_goals: Sequence[str] = (),
    statements: Sequence[str] = (),
) -> Lesson:
    team_member(request, round_)
    require_drawn(round_)
    lesson = Lesson.objects.create(
        round=round_,
        title=deidentify(title.strip()),
        text=deidentify(text.strip()),
        shareable=shareable,
        created_by=acting_user(request),
    )
    replace_codes(LessonZeroGoal, "lesson", lesson, "zero_goal", clean_zero_goals(zero_goals))
    replace_codes(LessonStatement, "lesson", lesson, "statement", clean_statements(statements))
    return lesson
