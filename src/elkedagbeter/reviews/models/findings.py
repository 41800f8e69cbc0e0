"""What a round teaches: conclusions (which may raise a bottleneck) and lessons (which the
knowledge base's search indexes when they are shared)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elkedagbeter.bottlenecks.models import Bottleneck, Category
from elkedagbeter.indicators.links import Links, links, raise_query

from .round import Authored, ReviewRound


class Conclusion(Authored):
    """A reviewers' conclusion. With ``raise_bottleneck`` it is raised as a bottleneck at once
    (``actions.add_conclusion``), routed to the body with the mandate like any other."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="conclusions", verbose_name=_("round")
    )
    text = models.TextField(_("conclusion"))
    raise_bottleneck = models.BooleanField(_("raise as a bottleneck"), default=False)
    bottleneck_category = models.CharField(
        _("bottleneck category"), max_length=20, choices=Category.choices, blank=True
    )
    bottleneck_title = models.CharField(_("bottleneck in one line"), max_length=200, blank=True)
    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_conclusions",
        verbose_name=_("bottleneck"),
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
    def links(self) -> Links:
        """The zero goals and statements (prefetch ``zero_goals`` and ``statements``)."""
        return _links(self)

    @property
    def raise_query(self) -> str:
        """ "Knelpunt melden" pre-filled with the conclusion's links and first line."""
        lines = self.text.strip().splitlines()
        title = self.bottleneck_title or (lines[0] if lines else "")
        return raise_query(self.links, title=title, category=self.bottleneck_category)


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

    @property
    def links(self) -> Links:
        """The zero goals and statements (prefetch ``zero_goals`` and ``statements``)."""
        return _links(self)


def _links(finding: Conclusion | Lesson) -> Links:
    return links(
        [row.zero_goal for row in finding.zero_goals.all()],
        [row.statement for row in finding.statements.all()],
    )
