"""Diagnostic monitoring: a short, periodic check on a case that takes under two minutes.

The monitoring app holds the moment's data and its rules only, and sits below ``cases``: it names
the case and goal by their model labels and imports nothing from cases. The form, the action that
records a moment and its page belong to the case record (``cases.forms.MomentForm``,
``cases.actions.record_moment``, ``cases.views.moments``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.choices import ChoiceLabels


class ScoreScale(models.TextChoices):
    GAS = "gas", _("Goal attainment scaling (-2 to +2)")
    TEN = "tien", _("Grade (1 to 10)")


class PlanFit(models.TextChoices):
    YES = "ja", _("Yes")
    PARTLY = "deels", _("Partly")
    NO = "nee", _("No")


SCALE_RANGES = {ScoreScale.GAS: (-2, 2), ScoreScale.TEN: (1, 10)}


class MonitoringMoment(ChoiceLabels, models.Model):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="monitoring_moments",
        verbose_name=_("case"),
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    scale = models.CharField(_("scale"), max_length=4, choices=ScoreScale.choices)
    safety = models.PositiveSmallIntegerField(_("safety (1 to 10)"))
    plan_fits = models.CharField(
        _("does the plan still fit?"), max_length=5, choices=PlanFit.choices
    )
    heard = models.PositiveSmallIntegerField(
        _("do you feel heard? (1 to 5)"),
        null=True,
        blank=True,
        help_text=_("The family's own answer; leave empty if they did not give one."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("monitoring moment")
        verbose_name_plural = _("monitoring moments")
        constraints = [
            models.CheckConstraint(
                condition=Q(safety__gte=1, safety__lte=10), name="moment_safety_in_range"
            ),
            models.CheckConstraint(
                condition=Q(heard__isnull=True) | Q(heard__gte=1, heard__lte=5),
                name="moment_heard_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.recorded_on:%d-%m-%Y}"


class GoalScore(models.Model):
    moment = models.ForeignKey(
        MonitoringMoment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("moment")
    )
    goal = models.ForeignKey(
        "cases.Goal",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("desired result"),
    )
    scale = models.CharField(_("scale"), max_length=4, choices=ScoreScale.choices)
    score = models.SmallIntegerField(_("score"))
    family_score = models.SmallIntegerField(
        _("the family's own score"),
        null=True,
        blank=True,
        help_text=_("Optional: the score the family gives themselves, on the same scale."),
    )

    class Meta:
        verbose_name = _("goal score")
        verbose_name_plural = _("goal scores")
        constraints = [
            models.UniqueConstraint(fields=["moment", "goal"], name="one_score_per_goal"),
            models.CheckConstraint(
                condition=Q(scale=ScoreScale.GAS, score__gte=-2, score__lte=2)
                | Q(scale=ScoreScale.TEN, score__gte=1, score__lte=10),
                name="goal_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(family_score__isnull=True)
                | Q(scale=ScoreScale.GAS, family_score__gte=-2, family_score__lte=2)
                | Q(scale=ScoreScale.TEN, family_score__gte=1, family_score__lte=10),
                name="goal_family_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.score}"
