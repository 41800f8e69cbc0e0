"""A story's answer to one signifier: triad shares, a dyad position, choices or text."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from .framework import Signifier
from .story import Story

SCALE = 1000  # triad shares and dyad positions are stored in thousandths


class Answer(models.Model):
    """A story's answer to one signifier. "Not applicable" is an answer too (no values)."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="answers", verbose_name=_("story")
    )
    signifier = models.ForeignKey(
        Signifier, on_delete=models.PROTECT, related_name="answers", verbose_name=_("signifier")
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    share_a = models.PositiveSmallIntegerField(null=True, blank=True)
    share_b = models.PositiveSmallIntegerField(null=True, blank=True)
    share_c = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)  # indexes into the signifier's labels
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "signifier"], name="answer_once_per_signifier"
            ),
            # A triad answer is three shares summing to 1000, or no shares at all.
            models.CheckConstraint(
                condition=Q(share_a__isnull=True, share_b__isnull=True, share_c__isnull=True)
                | Q(
                    Exact(F("share_a") + F("share_b") + F("share_c"), SCALE),
                    share_a__isnull=False,
                    share_b__isnull=False,
                    share_c__isnull=False,
                ),
                name="answer_triad_sums_to_1000",
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__lte=SCALE),
                name="answer_dyad_within_scale",
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False)
                | Q(share_a__isnull=True, position__isnull=True, text=""),
                name="answer_not_applicable_has_no_values",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story_id}/{self.signifier_id}"

    @property
    def shares(self) -> tuple[int, int, int] | None:
        if self.share_a is None or self.share_b is None or self.share_c is None:
            return None
        return self.share_a, self.share_b, self.share_c
