"""The zero goals and child-perspective statements a conclusion or lesson concerns (codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.indicators.perspective import STATEMENT_CHOICES
from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES

from .findings import Conclusion, Lesson


class ConclusionZeroGoal(models.Model):
    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="zero_goals")
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conclusion", "zero_goal"], name="conclusion_zero_goal_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_zero_goal_display())


class ConclusionStatement(models.Model):
    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="statements")
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conclusion", "statement"], name="conclusion_statement_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())


class LessonZeroGoal(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="zero_goals")
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "zero_goal"], name="lesson_zero_goal_once")
        ]

    def __str__(self) -> str:
        return str(self.get_zero_goal_display())


class LessonStatement(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="statements")
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "statement"], name="lesson_statement_once")
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())
