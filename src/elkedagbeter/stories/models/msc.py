"""Most Significant Change rounds: a panel's choice of story for a period, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

from .story import Story


class PanelLevel(models.TextChoices):
    TEAM = "team", _("Team")
    MUNICIPALITY = "gemeente", _("Municipality")
    REGION = "regio", _("Youth region")


class MscRound(models.Model):
    """A Most Significant Change round: a panel at one level picks, for one period, the story it
    finds most significant and says why. Candidates at a level are the choices of the rounds one
    level down in the same area and period (or, for a team, the team's own stories)."""

    level = models.CharField(_("level"), max_length=20, choices=PanelLevel.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="msc_rounds")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    question = models.CharField(
        _("question"),
        max_length=300,
        default="Welk verhaal laat voor jullie de belangrijkste verandering zien, en waarom?",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "level", "pk"]
        verbose_name = _("Most Significant Change round")
        verbose_name_plural = _("Most Significant Change rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="msc_period_in_order"
            ),
            models.CheckConstraint(
                condition=(Q(level="team") & Q(team__isnull=False))
                | (Q(level="gemeente") & Q(team__isnull=True) & Q(municipality__isnull=False))
                | (Q(level="regio") & Q(team__isnull=True) & Q(municipality__isnull=True)),
                name="msc_scope_fits_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.place} {self.period_start}"

    @property
    def place(self) -> str:
        if self.team_id:
            return str(self.team)
        if self.municipality_id:
            return str(self.municipality)
        return str(self.region)


class MscSelection(models.Model):
    round = models.OneToOneField(MscRound, on_delete=models.CASCADE, related_name="selection")
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="msc_selections")
    reason = models.TextField(_("why this story"))
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    selected_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.round_id}: {self.story_id}"
