"""The rules a monitoring moment obeys, with a Dutch message per field."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SCALE_RANGES, MonitoringMoment, ScoreScale


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
