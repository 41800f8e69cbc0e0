"""What a round teaches: conclusions (which may raise a bottleneck) and lessons (which a later
knowledge base can index)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .round import Authored, ReviewRound


class BottleneckCategory(models.TextChoices):
    """The bottleneck categories of the design, so a conclusion can be raised as one later."""

    FINANCING = "financiering", _("Financing or woonplaatsbeginsel dispute")
    WAITING_LIST = "wachtlijst", _("Waiting list")
    NO_SUITABLE_CARE = "geen_passende_zorg", _("No suitable care")
    RULES = "regels", _("Rules and procedures")
    TRANSITION_18 = "18_min_plus", _("18-/18+ transition")
    COOPERATION = "samenwerking", _("Cooperation")
    PRIVACY = "privacy", _("Privacy")
    WORKFORCE = "personeel", _("Workforce")


class Conclusion(Authored):
    """A reviewers' conclusion. With ``raise_bottleneck`` the team asks for it to become a
    bottleneck; ``bottleneck_ref`` is filled in once it has been raised as one."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="conclusions", verbose_name=_("round")
    )
    text = models.TextField(_("conclusion"))
    raise_bottleneck = models.BooleanField(_("raise as a bottleneck"), default=False)
    bottleneck_category = models.CharField(
        _("bottleneck category"), max_length=20, choices=BottleneckCategory.choices, blank=True
    )
    bottleneck_title = models.CharField(_("bottleneck in one line"), max_length=200, blank=True)
    bottleneck_ref = models.CharField(
        _("raised as bottleneck"),
        max_length=64,
        blank=True,
        help_text=_("The bottleneck this conclusion became, once raised."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        constraints = [
            models.CheckConstraint(
                condition=Q(raise_bottleneck=False)
                | (~Q(bottleneck_category="") & ~Q(bottleneck_title="")),
                name="conclusion_bottleneck_has_category_and_title",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def awaits_bottleneck(self) -> bool:
        return self.raise_bottleneck and not self.bottleneck_ref


class Lesson(Authored):
    """Something learned, in a few sentences, that a knowledge base can take up."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("round")
    )
    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("lesson"))
    shareable = models.BooleanField(
        _("share outside the team"),
        default=False,
        help_text=_("Shared lessons are listed for everyone who works with the platform."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title
