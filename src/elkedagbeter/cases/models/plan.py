"""What the professionals think explains the problems, what the family wants, what is done, and
who is involved. Analysis and plan are versioned: a revision is a new version with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.choices import ChoiceLabels

from .case import Case


class LifeDomain(models.TextChoices):
    PARENTING = "opvoeding", _("Parenting")
    DEVELOPMENT = "ontwikkeling", _("Development")
    HEALTH = "gezondheid", _("Health")
    SCHOOL_WORK = "school_werk", _("School and work")
    FINANCES = "financien", _("Finances")
    HOUSING = "wonen", _("Housing")
    SAFETY = "veiligheid", _("Safety")
    NETWORK = "netwerk", _("Network")
    PARENTS_RELATIONSHIP = "relatie_ouders", _("Relationship between the parents")


class _Version(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, verbose_name=_("case"))
    number = models.PositiveIntegerField(_("version"))
    reason = models.TextField(_("reason for the change"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.case} v{self.number}"


class AnalysisVersion(_Version):
    """The verklarende analyse: a hypothesis per life domain (only the domains that matter)."""

    hypotheses = models.JSONField(_("hypotheses per life domain"), default=dict)

    class Meta(_Version.Meta):
        verbose_name = _("explanatory analysis")
        verbose_name_plural = _("explanatory analyses")
        default_related_name = "analysis_versions"
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="analysis_version_unique"),
        ]


class PlanVersion(_Version):
    """The ondersteuningsplan."""

    text = models.TextField(_("support plan"))

    class Meta(_Version.Meta):
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        default_related_name = "plan_versions"
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="plan_version_unique"),
            models.CheckConstraint(
                condition=~Q(reason="") | Q(number=1), name="plan_change_has_reason"
            ),
        ]


class Goal(models.Model):
    """A gewenst resultaat, in the family's own words."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="goals", verbose_name=_("case")
    )
    text = models.CharField(_("desired result"), max_length=300)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_on = models.DateField(_("no longer pursued since"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("desired result")
        verbose_name_plural = _("desired results")

    def __str__(self) -> str:
        return self.text


class Party(models.TextChoices):
    FAMILY = "gezin", _("Family")
    NETWORK = "netwerk", _("Network")
    SCHOOL = "school", _("School or childcare")
    GP = "huisarts", _("GP")
    SPECIALIST = "specialist", _("Specialist care")
    PROVIDER = "aanbieder", _("Youth-care provider")
    SAFETY = "veiligheid", _("Safety chain (Veilig Thuis, Raad, GI)")
    OTHER = "overig", _("Other")


class InvolvementMode(models.TextChoices):
    INVOLVED = "betrokken", _("Involved")
    CONSULTED = "bijgeschakeld", _("Expertise consulted (bijgeschakeld)")
    HANDED_OVER = "overgedragen", _("Family handed over (overgedragen)")


class Involvement(ChoiceLabels, models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("case")
    )
    party = models.CharField(_("who"), max_length=20, choices=Party.choices)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("A function, not a name.")
    )
    mode = models.CharField(_("how"), max_length=20, choices=InvolvementMode.choices)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="involvement_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_mode_display()}"


class Intervention(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="interventions", verbose_name=_("case")
    )
    description = models.CharField(_("intervention"), max_length=300)
    catalogue_item = models.ForeignKey(
        "knowledge.CatalogueItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_interventions",
        verbose_name=_("from the catalogue"),
    )
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="intervention_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.description
