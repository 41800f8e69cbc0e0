"""Field-level history of a case (who, when, old → new), and the gates around who may see it:
transfers and escalations with the family's consent or a reasoned override, and emergency access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Team

from .case import Case


class ChangeRecord(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="changes", verbose_name=_("case")
    )
    object_type = models.CharField(_("part"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("item"))
    field = models.CharField(_("field"), max_length=60)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.object_type}.{self.field}: {self.old_value} → {self.new_value}"


class TransferKind(models.TextChoices):
    ESCALATION = "escalatie", _("Escalation to the expert team")
    TRANSFER = "overdracht", _("Transfer to another team")


class CaseTransfer(models.Model):
    """A case moving to (or being shared with) another team, as Primero gates referrals."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TransferKind.choices)
    from_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("from team")
    )
    to_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("to team")
    )
    consent_on = models.DateField(_("family's consent recorded on"), null=True, blank=True)
    override_reason = models.TextField(_("reason to proceed without consent"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_on__isnull=False) | ~Q(override_reason=""),
                name="transfer_has_consent_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.from_team} → {self.to_team}"


class EmergencyAccess(models.Model):
    """ "Break the glass": a reasoned, short-lived read by someone outside the case's teams."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="emergency_accesses", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("from"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="emergency_access_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case} ({self.started_at:%Y-%m-%d %H:%M})"
