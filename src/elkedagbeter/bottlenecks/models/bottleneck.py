"""The bottleneck itself: a systemic barrier, its context, and where it sits now.

``Bottleneck.status``, ``body``, ``level`` and ``due_on`` repeat what the newest ``StatusChange``
says, so the board can filter on them; only ``actions`` writes either, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import AgeBand, Case
from elkedagbeter.core.choices import ChoiceLabels
from elkedagbeter.indicators.models import Decision
from elkedagbeter.organisations.models import Municipality, Region, Team

from .bodies import ResponsibleBody
from .categories import Category, Level
from .routing import RoutingRule
from .states import OPEN, Status


class Bottleneck(ChoiceLabels, models.Model):
    """A systemic barrier, raised from a case or on its own. It never carries case content: the
    text is de-identified on save, and the context is only category, municipality and age band."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="bottlenecks", verbose_name=_("youth region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("municipality"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("in one sentence"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    # Who raised it: the team is shown, the person only to those who handle it.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="raised_bottlenecks",
        verbose_name=_("raised by"),
    )
    raised_by_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raised_bottlenecks",
        verbose_name=_("raised by team"),
    )
    # The case it came from, if any: only the case's own team ever sees this link.
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("case"),
    )
    routed_by = models.ForeignKey(
        RoutingRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("routing rule"),
    )
    routing_note = models.CharField(_("routing"), max_length=300, blank=True)
    # Repeated from the newest status change (see the module's docstring).
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        related_name="bottlenecks",
        verbose_name=_("responsible body"),
    )
    due_on = models.DateField(_("respond by"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    # Published on the region's public page ("what we have achieved").
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The story pattern it was raised about: a plain id, not a foreign key, because stories is a
    # sibling app that bottlenecks does not depend on. The storyteller's follow page reads it
    # (pages/followups.py) to show what became of the pattern.
    from_pattern_id = models.PositiveIntegerField(
        _("raised about story pattern"), null=True, blank=True, editable=False
    )
    public_summary = models.TextField(_("public summary"), blank=True)
    # What was decided when it was solved: what changes, where, from when (its effect is measured).
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("decision"),
    )
    created_at = models.DateTimeField(_("raised on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        indexes = [models.Index(fields=["region", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=Status.SOLVED),
                name="bottleneck_only_solved_published",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"KP-{self.pk:05d}" if self.pk else "KP-?"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today
