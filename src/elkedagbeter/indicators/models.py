"""Figures of the Beweging van 0: the analytics table, the regions' own thresholds and texts for
the O-plaat, and the approval of a period's figures for publication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

from .zero_goals import ZERO_GOAL_CHOICES


class IndicatorFact(models.Model):
    """One indicator for one team in one period, with the ids of every level above the team,
    so that a figure for any area is one filter and one sum (as DHIS2's analytics tables).
    Rebuilt by ``facts.py``; never edited by hand."""

    indicator = models.CharField(max_length=40)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    municipality_id = models.IntegerField(null=True)
    region_id = models.IntegerField()
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "team"], name="one_fact"
            )
        ]
        indexes = [
            models.Index(fields=["period_kind", "region_id", "period_start"]),
            models.Index(fields=["period_kind", "municipality_id", "period_start"]),
            models.Index(fields=["period_kind", "team", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_kind} {self.period_start} team {self.team_id}"


class RegionFact(models.Model):
    """The facts of one region's teams added up, per indicator and period: where the country's
    figures and its regions' come from, so a country page sums some forty rows per figure
    instead of every team's. Rebuilt from ``IndicatorFact`` with it (``region_facts.py``);
    never edited by hand."""

    indicator = models.CharField(max_length=40)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    region_id = models.IntegerField()
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "region_id"],
                name="one_region_fact",
            )
        ]
        indexes = [models.Index(fields=["period_kind", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_kind} {self.period_start} region {self.region_id}"


class FiguresVersion(models.Model):
    """Changes whenever something a region's dashboard figures are made of changes: its facts,
    the protection pattern, its ambitions, its teams and municipalities (``versions.py``). The
    dashboard keeps its rendered figures under the versions instead of working them out on
    every request."""

    region_id = models.IntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"region {self.region_id}: {self.token}"


class ArchivedFact(models.Model):
    """What cases removed by the retention purge had added to a team's figure in a period.

    Counts only, no case: ``facts.archive_cases`` adds a case's share here just before the case
    is deleted, and every rebuild adds these rows back, so published figures of past periods
    stay what they were (docs/retention.md)."""

    indicator = models.CharField(max_length=40)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "team"],
                name="one_archived_fact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_kind} {self.period_start} team {self.team_id}"


class RegionalAmbition(models.Model):
    """What a region makes of a zero goal: its own "goed genoeg", the baseline year, who it
    needs and what is running. Together with the figures this is the region's O-plaat."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="ambitions", verbose_name=_("youth region")
    )
    zero_goal = models.CharField(_("zero goal"), max_length=40, choices=ZERO_GOAL_CHOICES)
    good_enough = models.DecimalField(
        _("good enough"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Per year, in the unit of the zero goal's indicator (a share as a fraction, e.g. "
            "0.10 for 10%)."
        ),
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    who_we_need = models.TextField(_("who we need"), blank=True, help_text=_("One party per line."))
    initiatives = models.TextField(
        _("running initiatives"), blank=True, help_text=_("One initiative per line.")
    )

    class Meta:
        verbose_name = _("regional ambition")
        verbose_name_plural = _("regional ambitions")
        constraints = [models.UniqueConstraint(fields=["region", "zero_goal"], name="one_ambition")]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_zero_goal_display()}"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class PeriodApproval(models.Model):
    """A region has checked a period's figures; only then are they public."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("youth region")
    )
    period_kind = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("start"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("approved by")
    )
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period_kind", "period_start"], name="one_approval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.period_kind} {self.period_start}"


class HiddenFigure(models.Model):
    """A count that no page may show, worked out for every area and period at once by
    ``protection.py``: a figure hidden on one page must not be readable on another."""

    indicator = models.CharField(max_length=40)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    level = models.CharField(max_length=10)  # places.Level
    area_id = models.IntegerField()  # 0 for the country
    # A count of 1 to 4 shown as a cross, not "< 5": that it is at least 1 and at most 4 would
    # help narrow another hidden count down (core.privacy.protect_ranges).
    crossed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "level", "area_id"],
                name="one_hidden_figure",
            )
        ]
        indexes = [models.Index(fields=["level", "area_id", "period_kind"])]

    def __str__(self) -> str:
        return (
            f"{self.indicator} {self.period_kind} {self.period_start} {self.level}-{self.area_id}"
        )


class Decision(models.Model):
    """A decision that should move the figures: what changes, from when, where, and which
    indicators it should move. Recorded when a knelpunt is resolved or an initiative starts a
    round; its effect is measured against comparable places (``indicators/effects.py``)."""

    title = models.CharField(_("what changes"), max_length=200)
    explanation = models.TextField(_("explanation"), max_length=2000, blank=True)
    starts_on = models.DateField(_("from"))
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("youth region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("municipality"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("team"),
    )
    indicator_codes = models.JSONField(_("indicators it should move"), default=list)
    zero_goal_codes = models.JSONField(_("zero goals"), default=list, blank=True)
    origin = models.CharField(
        _("taken with"),
        max_length=200,
        blank=True,
        help_text=_("The knelpunt or initiative this decision belongs to."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.title} ({self.place_label}, {self.starts_on:%d-%m-%Y})"

    @property
    def place_label(self) -> str:
        place = self.team or self.municipality or self.region
        return str(place)
