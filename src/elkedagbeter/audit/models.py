"""The append-only access log, after NEN 7513 §7.

An entry records facts about an access — who, in which role and organisation, when, to which
object, under which authorisation rule, from where, with what result — and never case content.
Entries cannot be changed or removed through the application, the admin or the ORM; on the
database a trigger refuses UPDATE, and DELETE outside a retention purge (see migrations).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove an access-log entry."""


class ActionCode(models.TextChoices):
    """NEN 7513 / IHE ATNA action codes."""

    CREATE = "C", _("Aanmaken")
    READ = "R", _("Inzien")
    UPDATE = "U", _("Wijzigen")
    DELETE = "D", _("Verwijderen")
    EXECUTE = "E", _("Uitvoeren")


class Result(models.TextChoices):
    SUCCESS = "success", _("Gelukt")
    REFUSED = "refused", _("Geweigerd")
    ERROR = "error", _("Fout")


class AuthorisationRule(models.TextChoices):
    TEAM_MEMBERSHIP = "team_membership", _("Lid van het team van de casus")
    ESCALATION = "escalation", _("Casus geëscaleerd naar het expertteam")
    ADMIN = "admin", _("Functioneel beheer")
    BREAK_GLASS = "break_glass", _("Noodtoegang")
    SELF = "self", _("Eigen account")
    NONE = "none", _("Geen")


class EventCode(models.TextChoices):
    LOGIN = "auth.login", _("Ingelogd")
    LOGIN_FAILED = "auth.login_failed", _("Inloggen mislukt")
    LOGOUT = "auth.logout", _("Uitgelogd")
    SECOND_FACTOR = "auth.second_factor", _("Tweede factor")
    CASE_CREATE = "case.create", _("Casus aangemaakt")
    CASE_READ = "case.read", _("Casus ingezien")
    CASE_UPDATE = "case.update", _("Casus gewijzigd")
    CASE_ACCESS_LOG_READ = "case.access_log.read", _("Toegangslog van casus ingezien")
    ACCESS_LOG_SEARCH = "audit.search", _("Toegangslog doorzocht")
    ACCESS_LOG_PURGE = "audit.purge", _("Toegangslog opgeschoond")


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AccessLogEntry(models.Model):
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    event_code = models.CharField(_("gebeurtenis"), max_length=40, choices=EventCode.choices)
    action_code = models.CharField(_("actie"), max_length=1, choices=ActionCode.choices)
    result = models.CharField(_("resultaat"), max_length=10, choices=Result.choices)
    # Plain values rather than foreign keys: the log must outlive users, teams and cases.
    user_id_ref = models.CharField(_("gebruikers-id"), max_length=64, blank=True)
    user_display = models.CharField(_("gebruiker"), max_length=150, blank=True)
    user_role = models.CharField(_("rol"), max_length=20, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    responsible_user = models.CharField(
        _("verantwoordelijke gebruiker"),
        max_length=150,
        blank=True,
        help_text=_("Wanneer iemand namens een ander handelt."),
    )
    region_code = models.CharField(
        _("jeugdregio"), max_length=40, blank=True, db_index=True,
        help_text=_("De jeugdregio van de organisatie; bepaalt welke beheerders de regel zien."),
    )
    object_type = models.CharField(_("soort object"), max_length=30, blank=True)
    object_ref = models.CharField(
        _("object (pseudoniem)"), max_length=64, blank=True, db_index=True
    )
    authorisation_rule = models.CharField(
        _("autorisatieregel"), max_length=20, choices=AuthorisationRule.choices
    )
    client_address = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        indexes = [models.Index(fields=["object_type", "object_ref", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_code} {self.object_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Access-log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Access-log entries cannot be removed.")
