"""Runs of theme finding over approved stories, and the pattern suggestions they make."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region

from .pattern import Pattern
from .story import Story


class SuggestionRun(models.Model):
    """One run of theme finding over approved stories; its clusters are suggestions."""

    started_at = models.DateTimeField(auto_now_add=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True)
    method = models.CharField(max_length=20)
    story_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.story_count})"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "overgenomen", _("Made into a pattern")
    MERGED = "samengevoegd", _("Merged into a pattern")
    DISMISSED = "afgewezen", _("Dismissed")


class Suggestion(models.Model):
    run = models.ForeignKey(SuggestionRun, on_delete=models.CASCADE, related_name="suggestions")
    keywords = models.JSONField(default=list)
    stories: models.ManyToManyField[Story, Any] = models.ManyToManyField(
        Story, related_name="suggestions"
    )
    exemplars = models.JSONField(default=list)  # ids of the most central stories
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    pattern = models.ForeignKey(
        Pattern, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )

    class Meta:
        ordering = ["-run__started_at", "-size"]

    def __str__(self) -> str:
        return ", ".join(self.keywords)
