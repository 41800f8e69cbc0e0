"""Recording a monitoring moment: one short form, scores per goal, the family's own verdict."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.actions import created_in_history, log_case_update, write_grant
from elkedagbeter.cases.models import Case
from elkedagbeter.core.deidentify import deidentify

from .models import SCALE_RANGES, GoalScore, MonitoringMoment, ScoreScale


def moment_errors(moment: MonitoringMoment, scores: dict[int, int]) -> dict[str, str]:
    """Every rule the moment breaks, by field; goal scores by ``goal_<id>``."""
    errors: dict[str, str] = {}
    if moment.recorded_on > timezone.localdate():
        errors["recorded_on"] = _("A monitoring moment cannot lie in the future.")
    if not 1 <= moment.safety <= 10:
        errors["safety"] = _("Safety is a number from 1 to 10.")
    if moment.heard is not None and not 1 <= moment.heard <= 5:
        errors["heard"] = _("The family's verdict is a number from 1 to 5.")
    low, high = SCALE_RANGES[ScoreScale(moment.scale)]
    for goal_id, score in scores.items():
        if not low <= score <= high:
            errors[f"goal_{goal_id}"] = _(
                "A score on this scale runs from %(low)d to %(high)d."
            ) % {
                "low": low,
                "high": high,
            }
    return errors


def record_moment(
    request: HttpRequest, case: Case, moment: MonitoringMoment, scores: dict[int, int]
) -> MonitoringMoment:
    """Save a moment with a score per goal (goal id → score); the note is de-identified."""
    grant = write_grant(request, case)
    goals = set(case.goals.filter(closed_on__isnull=True).values_list("pk", flat=True))
    unknown = set(scores) - goals
    if unknown:
        raise ValidationError(_("Scores can only be given for this case's open desired results."))
    errors = moment_errors(moment, scores)
    if errors:
        raise ValidationError(errors)
    moment.case = case
    moment.note = deidentify(moment.note)
    moment.recorded_by = request.user  # type: ignore[assignment]
    with transaction.atomic():
        moment.save()
        GoalScore.objects.bulk_create(
            GoalScore(moment=moment, goal_id=goal_id, scale=moment.scale, score=score)
            for goal_id, score in scores.items()
        )
        created_in_history(request, case, moment)
        log_case_update(request, case, grant, f"monitoring moment {moment.pk}")
    return moment
