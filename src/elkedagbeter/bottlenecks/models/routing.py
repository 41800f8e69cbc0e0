"""Where a bottleneck goes and how soon it is owed a response: routing rules and response norms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region

from .bodies import ResponsibleBody
from .categories import Category, Level


class DayKind(models.TextChoices):
    WORKING = "werkdagen", _("working days")
    CALENDAR = "kalenderdagen", _("calendar days")


class RoutingRule(models.Model):
    """Category, level and region (and optionally municipality) → responsible body. Rules are
    tried by position; the first active rule that matches wins. An empty criterion matches
    everything."""

    position = models.PositiveIntegerField(_("position"), default=100)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("youth region"),
        help_text=_("Empty: every region (national rules)."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("municipality"),
        help_text=_("Empty: every municipality. Route municipal bottlenecks to their own town."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        related_name="routing_rules",
        verbose_name=_("responsible body"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        parts = [
            str(self.municipality or self.region or _("every region")),
            self.get_category_display() or str(_("every category")),
            self.get_level_display() or str(_("every level")),
        ]
        return f"{self.position}. {' · '.join(parts)} → {self.body}"


class ResponseNorm(models.Model):
    """How soon a body responds to a bottleneck of a category in a region, and (optionally) how
    soon it answers once it is working on one."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="response_norms",
        verbose_name=_("youth region"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    response_days = models.PositiveSmallIntegerField(_("days to a first response"), default=10)
    answer_days = models.PositiveSmallIntegerField(
        _("days to an answer"),
        null=True,
        blank=True,
        help_text=_("After the body has taken it up; empty for no answer deadline."),
    )
    day_kind = models.CharField(
        _("counted in"), max_length=20, choices=DayKind.choices, default=DayKind.WORKING
    )

    class Meta:
        ordering = ["region", "category"]
        verbose_name = _("response norm")
        verbose_name_plural = _("response norms")
        constraints = [
            models.UniqueConstraint(fields=["region", "category"], name="one_norm_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_category_display()}"
