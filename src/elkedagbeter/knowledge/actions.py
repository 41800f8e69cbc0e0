"""Important writes for Wat werkt. Each checks who may do it, removes names from free text that
may leave the team, and keeps the search index current."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.models import Case
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.indicators.decisions import DecisionInput, DecisionProblem, record_decision
from elkedagbeter.indicators.models import Decision
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.organisations.models import Team
from elkedagbeter.organisations.scoping import case_team_ids, has_role

from . import links, selectors, sources
from .models import (
    CatalogueItem,
    ExampleTheme,
    ExampleZeroGoal,
    GoodExample,
    ImprovementInitiative,
    ReflectionSession,
    Stage,
    StageRecord,
    StepBack,
)

if TYPE_CHECKING:
    from elkedagbeter.accounts.models import User


# --- The catalogue --------------------------------------------------------------------------------


def save_catalogue_item(user: User | None, item: CatalogueItem) -> CatalogueItem:
    """Add or change an intervention in the catalogue, recording who did it and when. A national
    item is for a national administrator, a region's for that region's administrators; moving an
    item needs both its old and its new place. ``user`` None is the system (the demo data)."""
    if user is not None:
        before = (
            CatalogueItem.objects.filter(pk=item.pk).select_related("region").first()
            if item.pk is not None
            else None
        )
        if before is not None and not selectors.may_change_catalogue_item(user, before):
            raise PermissionDenied
        if not selectors.may_change_catalogue_item(user, item):
            raise PermissionDenied
    item.changed_by = user
    item.changed_at = timezone.now()
    item.save()  # the search index follows through the post_save signal
    return item


# --- Good examples --------------------------------------------------------------------------------


def save_example(
    user: User,
    example: GoodExample,
    *,
    themes: Iterable[str],
    zero_goals: Iterable[str],
    interventions: Iterable[CatalogueItem],
    statements: Iterable[str] = (),
) -> GoodExample:
    """Share a new good example or change one's own."""
    if example.pk is None:
        if not has_role(user, *selectors.SHARING_ROLES):
            raise PermissionDenied
        example.created_by = user
    elif not selectors.may_edit_example(user, example):
        raise PermissionDenied
    for field in ("title", "for_whom", "what", "achieved"):  # all of it is public
        setattr(example, field, deidentify(getattr(example, field)))
    with transaction.atomic():
        example.save()
        example.themes.all().delete()
        ExampleTheme.objects.bulk_create(
            [ExampleTheme(example=example, theme=code) for code in sorted(set(themes))]
        )
        example.zero_goals.all().delete()
        ExampleZeroGoal.objects.bulk_create(
            [ExampleZeroGoal(example=example, zero_goal=code) for code in sorted(set(zero_goals))]
        )
        example.interventions.set(list(interventions))
        links.set_example_statements(example, statements)
        sources.refresh(example)
    return example


# --- Reflection logbook ---------------------------------------------------------------------------


def _own_team(user: User, team: Team) -> None:
    if team.pk not in case_team_ids(user):
        raise PermissionDenied


def record_session(
    user: User,
    team: Team,
    session: ReflectionSession,
    *,
    cases: Iterable[Case],
    zero_goals: Iterable[str] = (),
    statements: Iterable[str] = (),
) -> ReflectionSession:
    """A reflection session in the team's logbook; the cases discussed must be the team's."""
    _own_team(user, team)
    chosen = list(cases)
    if any(case.team_id != team.pk for case in chosen):
        raise PermissionDenied
    session.team = team
    session.created_by = user
    for field in ("stories", "learned", "will_change"):
        setattr(session, field, deidentify(getattr(session, field)))
    with transaction.atomic():
        session.save()
        session.cases.set(chosen)
        links.set_session_links(session, zero_goals, statements)
    return session


def share_lesson(
    user: User, session: ReflectionSession, lesson: str, *, at: datetime | None = None
) -> ReflectionSession:
    """The coordinator shares a lesson with the municipality: from then on the team, the
    municipality's and region's analysts and viewers read it, and it can be found. ``at``:
    when, now unless given (the demo shares lessons in the past)."""
    if not selectors.may_share(user, session.team):
        raise PermissionDenied
    text = deidentify(lesson.strip())
    if not text:
        raise ValidationError({"lesson": _("Write the lesson you want to share.")})
    session.lesson = text
    session.shared_at = at or timezone.now()
    session.shared_by = user
    session.save(update_fields=["lesson", "shared_at", "shared_by"])
    return session


# --- Improvement initiatives ----------------------------------------------------------------------


def start_initiative(
    user: User,
    initiative: ImprovementInitiative,
    *,
    decision: DecisionInput | None = None,
    also_zero_goals: Iterable[str] = (),
    statements: Iterable[str] = (),
) -> ImprovementInitiative:
    """Start an initiative (or a round of one) at the question, with the decision it starts
    with: what changes, where, from when, which indicators it should move; and the other zero
    goals and statements it works towards."""
    if not selectors.initiative_regions(user).filter(pk=initiative.region_id).exists():
        raise PermissionDenied
    if not initiative.indicator and initiative.zero_goal:
        initiative.indicator = ZERO_GOALS[initiative.zero_goal].indicator
    initiative.question = deidentify(initiative.question)
    initiative.stage = Stage.QUESTION
    initiative.created_by = user
    with transaction.atomic():
        if decision is not None:
            initiative.decision = _decide(user, initiative, decision)
        initiative.save()
        links.set_initiative_links(initiative, also_zero_goals, statements)
    return initiative


def _decide(user: User, initiative: ImprovementInitiative, given: DecisionInput) -> Decision:
    if given.region.pk != initiative.region_id:
        raise ValidationError({"place": _("Choose a place in the initiative's youth region.")})
    cleaned = replace(
        given,
        title=deidentify(given.title.strip()),
        explanation=deidentify(given.explanation.strip()),
    )
    round_number = selectors.round_number(initiative)
    origin = _("Improvement initiative “%(title)s”, round %(round)s") % {
        "title": initiative.title,
        "round": round_number,
    }
    try:
        return record_decision(cleaned, by=user, origin=origin)
    except DecisionProblem as problem:
        raise ValidationError({problem.field: str(problem)}) from problem


def advance_initiative(
    user: User, initiative: ImprovementInitiative, *, evidence: str, indicator: str
) -> ImprovementInitiative:
    """Record the evidence of the current stage and move to the next one: the ontwikkelcirkel is
    walked stage by stage, so a question cannot jump to an innovation."""
    if not selectors.may_move(user, initiative):
        raise PermissionDenied
    following = initiative.current_stage.following
    if following is None:
        raise ValidationError(_("This round is finished: start a new round with the new question."))
    if not evidence.strip():
        raise ValidationError({"evidence": _("Describe what this stage found or did.")})
    with transaction.atomic():
        StageRecord.objects.create(
            initiative=initiative,
            stage=initiative.stage,
            evidence=deidentify(evidence.strip()),
            indicator=indicator or initiative.indicator,
            recorded_by=user,
        )
        initiative.stage = following
        initiative.save(update_fields=["stage", "updated_at"])
    return initiative


def start_next_round(
    user: User,
    initiative: ImprovementInitiative,
    *,
    question: str,
    title: str,
    decision: DecisionInput | None = None,
) -> ImprovementInitiative:
    """At the new question, the circle starts again: a follow-up initiative asks it."""
    if not selectors.may_move(user, initiative):
        raise PermissionDenied
    if not initiative.finished or initiative.followed_by.exists():
        raise ValidationError(_("A new round starts only once, from the new question."))
    if not question.strip():
        raise ValidationError({"question": _("Write the new question.")})
    with transaction.atomic():
        StageRecord.objects.create(
            initiative=initiative,
            stage=Stage.NEW_QUESTION,
            evidence=deidentify(question.strip()),
            indicator=initiative.indicator,
            recorded_by=user,
        )
        sources.refresh(initiative)
        follow_up = ImprovementInitiative(
            title=title.strip() or initiative.title,
            question=question.strip(),
            region=initiative.region,
            team=initiative.team,
            zero_goal=initiative.zero_goal,
            indicator=initiative.indicator,
            follows=initiative,
        )
        return start_initiative(user, follow_up, decision=decision)


def step_back(user: User, initiative: ImprovementInitiative, *, reason: str) -> StepBack:
    """Go back one stage with what was learned (an analysis that shows the question was not
    yet understood, an evaluation that sends the innovation back): the circle is a circle.
    Recorded in the history, like a step forward."""
    if not selectors.may_move(user, initiative):
        raise PermissionDenied
    current = initiative.current_stage
    previous = current.preceding
    if previous is None:
        raise ValidationError(_("The question is the first stage: there is no step back."))
    if initiative.finished and initiative.followed_by.exists():
        raise ValidationError(_("The next round has started: continue there."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what was learned that makes you step back.")})
    with transaction.atomic():
        step = StepBack.objects.create(
            initiative=initiative,
            from_stage=current,
            to_stage=previous,
            reason=deidentify(reason),
            stepped_by=user,
        )
        initiative.stage = previous
        initiative.save(update_fields=["stage", "updated_at"])
    return step
