"""Care episodes read from iJw messages, keyed by the region's pseudonym (never the BSN)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import Case
from elkedagbeter.organisations.models import Municipality, Region


class MessageStatus(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ProcessedMessage(models.Model):
    """One message seen, for idempotency: the same id with the same content changes nothing."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    sender = models.CharField(_("sender"), max_length=8)
    message_id = models.CharField(_("message id"), max_length=20)
    kind = models.CharField(_("message type"), max_length=5)
    sha256 = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices)
    processed_at = models.DateTimeField(_("processed"), auto_now_add=True)

    class Meta:
        verbose_name = _("processed iJw message")
        verbose_name_plural = _("processed iJw messages")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "sender", "message_id"], name="ijw_message_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.message_id}"


class CareEpisode(models.Model):
    """One assigned product for one youth at one provider: request, assignment, start, stop."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    pseudonym = models.CharField(_("pseudonym"), max_length=64, db_index=True)
    # The municipality's code in the message header (gemeentecode, four digits), so a youth
    # known only from messages goes to a team of that municipality.
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    provider_agb = models.CharField(_("provider AGB code"), max_length=8)
    product_category = models.CharField(_("product category"), max_length=2)
    product_code = models.CharField(_("product code"), max_length=5, blank=True)
    assignment_number = models.CharField(_("assignment number"), max_length=8, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=15, blank=True)
    requested_on = models.DateField(_("requested start"), null=True, blank=True)
    assigned_on = models.DateField(_("assigned from"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    stop_reason = models.CharField(_("stop reason"), max_length=2, blank=True)
    source_messages = models.JSONField(_("source message ids"), default=list)

    class Meta:
        ordering = ["region", "pseudonym", "started_on", "id"]
        verbose_name = _("care episode")
        verbose_name_plural = _("care episodes")
        indexes = [models.Index(fields=["region", "provider_agb", "assignment_number"])]

    def __str__(self) -> str:
        return f"{self.provider_agb} {self.product_category} {self.assignment_number}"


class PendingStop(models.Model):
    """A JW307 whose JW305 has not arrived yet; applied when the start comes in."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    pseudonym = models.CharField(_("pseudonym"), max_length=64)
    provider_agb = models.CharField(_("provider AGB code"), max_length=8)
    assignment_number = models.CharField(_("assignment number"), max_length=8)
    ended_on = models.DateField(_("ended"))
    stop_reason = models.CharField(_("stop reason"), max_length=2)
    message_id = models.CharField(_("message id"), max_length=20)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending stop")
        verbose_name_plural = _("pending stops")

    def __str__(self) -> str:
        return f"{self.provider_agb} {self.assignment_number} {self.message_id}"


class ProductMapping(models.Model):
    """A region's mapping from an iJw product to the CBS hulpvorm met verblijf. A row with a
    product code beats a row for the whole category; the region's rows beat the shipped
    defaults (``mapping.DEFAULTS``); an empty hulpvorm says "not residential"."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    product_category = models.CharField(_("product category"), max_length=2)
    product_code = models.CharField(
        _("product code"), max_length=5, blank=True, help_text=_("Empty: the whole category.")
    )
    residence_type = models.CharField(
        _("CBS hulpvorm met verblijf"),
        max_length=2,
        blank=True,
        choices=[
            ("11", _("11 Foster care (pleegzorg)")),
            ("12", _("12 Family-style home (gezinshuis)")),
            ("13", _("13 Closed placement (gesloten plaatsing)")),
            ("14", _("14 Other residential care")),
        ],
        help_text=_("Empty: the product is not care with residence."),
    )

    class Meta:
        ordering = ["region", "product_category", "product_code"]
        verbose_name = _("iJw product mapping")
        verbose_name_plural = _("iJw product mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "product_category", "product_code"], name="ijw_mapping_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_category} {self.product_code} → {self.residence_type or '-'}"


class UnregisteredStatus(models.TextChoices):
    OPEN = "open", _("awaiting the team")
    TAKEN_UP = "in_behandeling", _("taken up")
    SET_ASIDE = "terzijde", _("set aside")


class UnregisteredYouth(models.Model):
    """A youth known only from iJw messages (no household member of the region has the
    pseudonym): the municipality's teams take it up as a case or set it aside with a reason."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, verbose_name=_("region"))
    pseudonym = models.CharField(_("pseudonym"), max_length=64)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    first_seen = models.DateField(_("first care date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=UnregisteredStatus.choices,
        default=UnregisteredStatus.OPEN,
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("case")
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["first_seen", "id"]
        verbose_name = _("unregistered youth")
        verbose_name_plural = _("unregistered youths")
        constraints = [
            models.UniqueConstraint(fields=["region", "pseudonym"], name="ijw_unregistered_once")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.pk}"
