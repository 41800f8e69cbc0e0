"""What a round teaches: conclusions (raised as bottlenecks where asked) and lessons."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.actions import Draft, raise_bottleneck
from elkedagbeter.core.deidentify import deidentify

from ..models import Conclusion, Lesson, ReviewRound
from .guards import acting_user, require_drawn, team_member


def add_conclusion(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    text: str,
    raise_bottleneck: bool = False,
    bottleneck_category: str = "",
    bottleneck_title: str = "",
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
    )


@transaction.atomic
def conclude(
    actor: User, round_: ReviewRound, *, text: str, category: str = "", title: str = ""
) -> Conclusion:
    """Record a conclusion. With a category and a title it is also raised as a bottleneck of
    the round's region, from its expert team, and routed like any other."""
    bottleneck = None
    if category:
        draft = Draft(
            region=round_.region,
            category=category,
            title=title,
            description=text,
            team=round_.expert_team,
        )
        bottleneck = raise_bottleneck(actor, draft)
    return Conclusion.objects.create(
        round=round_,
        text=deidentify(text.strip()),
        raise_bottleneck=bottleneck is not None,
        bottleneck_category=category,
        bottleneck_title=deidentify(title.strip()),
        bottleneck=bottleneck,
        created_by=actor,
    )


def add_lesson(
    request: HttpRequest, round_: ReviewRound, *, title: str, text: str, shareable: bool
) -> Lesson:
    team_member(request, round_)
    require_drawn(round_)
    return Lesson.objects.create(
        round=round_,
        title=deidentify(title.strip()),
        text=deidentify(text.strip()),
        shareable=shareable,
        created_by=acting_user(request),
    )
