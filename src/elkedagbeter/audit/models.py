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

    CREATE = "C", _("Create")
    READ = "R", _("Read")
    UPDATE = "U", _("Update")
    DELETE = "D", _("Delete")
    EXECUTE = "E", _("Execute")


class Result(models.TextChoices):
    SUCCESS = "success", _("Success")
    REFUSED = "refused", _("Refused")
    ERROR = "error", _("Error")


class AuthorisationRule(models.TextChoices):
    TEAM_MEMBERSHIP = "team_membership", _("Member of the case's team")
    ESCALATION = "escalation", _("Case escalated to the expert team")
    ADMIN = "admin", _("Functional administration")
    BREAK_GLASS = "break_glass", _("Emergency access")
    REVIEW_ROUND = "review_round", _("Dossier review round of the expert team")
    CONSULTATION = "consultation", _("Consultation of the expert team")
    SELF = "self", _("Own account")
    NONE = "none", _("None")


class EventCode(models.TextChoices):
    LOGIN = "auth.login", _("Logged in")
    LOGIN_FAILED = "auth.login_failed", _("Login failed")
    LOGOUT = "auth.logout", _("Logged out")
    SECOND_FACTOR = "auth.second_factor", _("Second factor")
    CASE_CREATE = "case.create", _("Case created")
    CASE_READ = "case.read", _("Case read")
    CASE_UPDATE = "case.update", _("Case updated")
    CASE_ACCESS_LOG_READ = "case.access_log.read", _("Case access log read")
    CASE_EXPORT = "case.export", _("Case exported")
    CASE_IMPORT = "case.import", _("Cases imported")
    ACCESS_LOG_SEARCH = "audit.search", _("Access log searched")
    MEMBERSHIP_REQUEST = "role.request", _("Role requested")
    MEMBERSHIP_APPROVE = "role.approve", _("Role request approved")
    MEMBERSHIP_REJECT = "role.reject", _("Role request refused")
    MEMBERSHIP_GRANT = "role.grant", _("Role given")
    ACCOUNT_CODE_ISSUE = "account.code_issue", _("One-time code issued")
    ACCOUNT_CODE_REDEEM = "account.code_redeem", _("One-time code used")
    API_TOKEN_ISSUE = "api.token_issue", _("API token issued")
    API_TOKEN_REVOKE = "api.token_revoke", _("API token revoked")
    ADMIN_CHANGE = "admin.change", _("Change in the administration")
    ACCESS_LOG_PURGE = "audit.purge", _("Access log purged")


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AccessLogEntry(models.Model):
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    event_code = models.CharField(_("event"), max_length=40, choices=EventCode.choices)
    action_code = models.CharField(_("action"), max_length=1, choices=ActionCode.choices)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    # Plain values rather than foreign keys: the log must outlive users, teams and cases.
    user_id_ref = models.CharField(_("user id"), max_length=64, blank=True)
    user_display = models.CharField(_("user"), max_length=150, blank=True)
    user_role = models.CharField(_("role"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    responsible_user = models.CharField(
        _("responsible user"),
        max_length=150,
        blank=True,
        help_text=_("When someone acts on behalf of another."),
    )
    region_code = models.CharField(
        _("youth region"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("The organisation's youth region; decides which administrators see the entry."),
    )
    object_type = models.CharField(_("object type"), max_length=30, blank=True)
    object_ref = models.CharField(_("object (pseudonym)"), max_length=64, blank=True, db_index=True)
    authorisation_rule = models.CharField(
        _("authorisation rule"), max_length=20, choices=AuthorisationRule.choices
    )
    token_prefix = models.CharField(
        _("API token"),
        max_length=12,
        blank=True,
        db_default="",
        help_text=_("The prefix of the API token the request came with, if any."),
    )
    client_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["object_type", "object_ref", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_code} {self.object_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Access-log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Access-log entries cannot be removed.")
