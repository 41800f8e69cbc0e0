"""The case: a household (gezin 0-100), known only by a pseudonymous reference."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.monitoring.models import ScoreScale
from elkedagbeter.organisations.models import Team

# No vowels or look-alike characters, so a reference never spells a word or a name.
_REFERENCE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"


def new_case_reference() -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"C-{body[:4]}-{body[4:]}"


class TriageMarker(models.TextChoices):
    """Light, optional markers on the household: used by the signals and, in aggregate only, to
    compare routes and outcomes of similar households across teams."""

    SAFETY = "veiligheid", _("Safety concerns")
    PARENT_PSYCHIATRY = "ouder_psychiatrie", _("Parental psychiatric problems")
    PARENT_ADDICTION = "ouder_verslaving", _("Parental addiction")
    MILD_ID = "lvb", _("Mild intellectual disability (LVB)")
    DEBTS = "schulden", _("Debts")
    HOUSING = "huisvesting", _("Housing problems")
    SCHOOL_ABSENCE = "schoolverzuim", _("School absence")


class Case(models.Model):
    reference = models.CharField(
        _("case number"), max_length=16, unique=True, default=new_case_reference, editable=False
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    escalated_to = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="escalated_cases",
        null=True,
        blank=True,
        verbose_name=_("escalated to"),
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_cases",
        verbose_name=_("casusregisseur"),
        help_text=_("The one steady professional who keeps the case together."),
    )
    source_ref = models.CharField(
        _("number in the source system"),
        max_length=64,
        blank=True,
        help_text=_("Set by an import, so importing the same file twice adds nothing."),
    )
    opened_on = models.DateField(_("started on"), default=timezone.localdate)
    score_scale = models.CharField(
        _("scale of the goal scores"),
        max_length=4,
        choices=ScoreScale.choices,
        default=ScoreScale.GAS,
        help_text=_("Fixed on the case, so every monitoring moment scores the same way."),
    )
    markers = models.JSONField(_("triage markers"), default=list, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_not_before_opened",
            ),
            models.UniqueConstraint(
                fields=["team", "source_ref"],
                condition=~Q(source_ref=""),
                name="case_source_ref_unique_per_team",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
