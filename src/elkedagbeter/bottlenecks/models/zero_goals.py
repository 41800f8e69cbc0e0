"""The zero goals and child-perspective statements a bottleneck concerns (codes, not keys)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.indicators.perspective import STATEMENT_CHOICES
from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES

from .bottleneck import Bottleneck


class BottleneckZeroGoal(models.Model):
    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="zero_goals")
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        verbose_name = _("zero goal")
        verbose_name_plural = _("zero goals")
        indexes = [models.Index(fields=["zero_goal"])]
        constraints = [
            models.UniqueConstraint(
                fields=["bottleneck", "zero_goal"], name="bottleneck_zero_goal_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_zero_goal_display())


class BottleneckStatement(models.Model):
    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="statements")
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        verbose_name = _("statement from the child's perspective")
        verbose_name_plural = _("statements from the child's perspective")
        constraints = [
            models.UniqueConstraint(
                fields=["bottleneck", "statement"], name="bottleneck_statement_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())
