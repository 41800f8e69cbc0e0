"""Two reviewers read each dossier independently; where they differ, they agree on a final
answer together (a resolution)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .round import ChecklistItem, Dossier


class AnswerChoice(models.TextChoices):
    YES = "ja", _("Yes")
    NO = "nee", _("No")
    NOT_APPLICABLE = "nvt", _("Not applicable")


class Review(models.Model):
    """One reviewer's reading of one dossier. Until submitted, only its reviewer sees it."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("dossier")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dossier_reviews",
        verbose_name=_("reviewer"),
    )
    note = models.TextField(
        _("observations"),
        blank=True,
        help_text=_("What stands out in this dossier; names and places are removed on saving."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["dossier__number", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "reviewer"], name="one_review_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class _Value(models.Model):
    """An answer to one checklist item: a choice for yes/no items, a number for counts."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, verbose_name=_("item"))
    choice = models.CharField(_("answer"), max_length=3, choices=AnswerChoice.choices, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def value(self) -> str:
        """The answer as one comparable value (a category for the agreement statistics)."""
        return self.choice if self.number is None else str(self.number)

    def display(self) -> str:
        return str(self.number) if self.number is not None else self.get_choice_display()


class Answer(_Value):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="answers", verbose_name=_("review")
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        default_related_name = "answers"
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) ^ Q(choice=""),
                name="answer_is_choice_or_number",
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Resolution(_Value):
    """The answer two reviewers agreed on where their own answers differed."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("dossier")
    )
    note = models.CharField(_("how it was resolved"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    resolved_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        default_related_name = "resolutions"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "item"], name="one_resolution_per_item"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) ^ Q(choice=""),
                name="resolution_is_choice_or_number",
            ),
        ]

    def __str__(self) -> str:
        return self.value
