"""Recording a monitoring moment: one short form, scores per goal, the family's own verdict."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from elkedagbeter.cases.actions import created_in_history, log_case_update, write_grant
from elkedagbeter.cases.models import Case
from elkedagbeter.core.deidentify import deidentify

from .models import GoalScore, MonitoringMoment
from .rules import moment_errors


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
