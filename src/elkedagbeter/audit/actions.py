"""Writing to the access log. Every case read or write calls ``record_access``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Membership, Region
from elkedagbeter.organisations.scoping import memberships_of

from . import triggers
from .addresses import client_address
from .models import AccessLogEntry, ActionCode, AuthorisationRule, EventCode, Result

OBJECT_TYPE_CASE = "casus"


def _client_address(request: HttpRequest) -> str | None:
    # The address the story form's rate limit and the login lock-out use too: behind
    # TRUSTED_PROXY_HOPS proxies the one they added, never what the client wrote.
    return client_address(request)


def _membership_region(membership: Membership) -> Region | None:
    if membership.team_id is not None:
        return membership.team.region  # type: ignore[union-attr]
    if membership.municipality_id is not None:
        return membership.municipality.region  # type: ignore[union-attr]
    return membership.region


def _region_code(user: User | AnonymousUser, membership: Membership | None) -> str:
    """The region an entry belongs to: the membership's, else the user's only region."""
    candidates = [membership] if membership is not None else memberships_of(user)
    regions = {region.code for m in candidates if (region := _membership_region(m)) is not None}
    return regions.pop() if len(regions) == 1 else ""


def record_access(
    request: HttpRequest,
    *,
    event: EventCode,
    action: ActionCode,
    rule: AuthorisationRule,
    result: Result = Result.SUCCESS,
    membership: Membership | None = None,
    object_type: str = "",
    object_ref: str = "",
    reason: str = "",
    user_display: str = "",
    user: User | AnonymousUser | None = None,
    role: str = "",
    organisation: str = "",
    region_code: str = "",
) -> AccessLogEntry:
    """Append one entry. ``membership`` names the role and organisation the access relied on;
    without one (a family member reading their own case) ``role``, ``organisation`` and
    ``region_code`` say it. ``user`` is the acting user when the request does not carry it yet
    (during login)."""
    if user is None:
        user = getattr(request, "user", None) or AnonymousUser()
    authenticated = user.is_authenticated
    if membership is not None:
        organisation = membership.scope_label
    return AccessLogEntry.objects.create(
        event_code=event,
        action_code=action,
        result=result,
        user_id_ref=str(user.pk) if authenticated else "",
        user_display=user_display or (user.get_username() if authenticated else ""),
        user_role=membership.role if membership is not None else role,
        organisation=organisation,
        region_code=region_code or _region_code(user, membership),
        responsible_user=str(getattr(request, "responsible_user", "") or ""),
        object_type=object_type,
        object_ref=object_ref,
        authorisation_rule=rule,
        token_prefix=str(getattr(request, "api_token_prefix", "") or ""),
        client_address=_client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        reason=reason,
    )


def record_list_reads(
    request: HttpRequest,
    *,
    membership: Membership,
    object_refs: list[str],
    reason: str,
    rule: AuthorisationRule = AuthorisationRule.TEAM_MEMBERSHIP,
) -> None:
    """One read entry per case shown on a list page (e.g. the attention list), in one insert."""
    if not object_refs:
        return
    first = AccessLogEntry(
        event_code=EventCode.CASE_READ,
        action_code=ActionCode.READ,
        result=Result.SUCCESS,
        user_id_ref=str(request.user.pk),
        user_display=request.user.get_username(),
        user_role=membership.role,
        organisation=membership.scope_label,
        region_code=_region_code(request.user, membership),
        responsible_user=str(getattr(request, "responsible_user", "") or ""),
        object_type=OBJECT_TYPE_CASE,
        authorisation_rule=rule,
        token_prefix=str(getattr(request, "api_token_prefix", "") or ""),
        client_address=_client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        reason=reason,
    )
    fields = {
        f.attname: getattr(first, f.attname)
        for f in AccessLogEntry._meta.concrete_fields
        if not f.primary_key and f.attname != "object_ref"
    }
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(**fields, object_ref=ref) for ref in object_refs
    )


def retention_days() -> int:
    """The access log's retention: ``RETENTION_DAYS["access_log"]``, which the settings fill
    from ``ACCESS_LOG_RETENTION_DAYS``."""
    days = settings.RETENTION_DAYS.get("access_log", settings.ACCESS_LOG_RETENTION_DAYS)
    return int(days)


def retention_cutoff() -> datetime:
    return timezone.now() - timedelta(days=retention_days())


def purge_expired_entries(
    *, apply: bool, cutoff: datetime | None = None, operator: str = "purge_access_log"
) -> int:
    """Remove entries older than the retention period (or ``cutoff``); returns how many
    (would be) removed. The removal itself is logged as a new entry, which is younger than any
    cut-off and so survives the purge.

    The database triggers refuse deletes; this is the one sanctioned way past them.
    """
    cutoff = cutoff or retention_cutoff()
    expired = AccessLogEntry.objects.filter(occurred_at__lt=cutoff)
    count = expired.count()
    if not apply or count == 0:
        return count
    table = AccessLogEntry._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT set_config('elkedagbeter.purge_before', %s, true)", [cutoff.isoformat()]
            )
            cursor.execute(f"DELETE FROM {table} WHERE occurred_at < %s", [cutoff])  # noqa: S608
        else:
            # SQLite has no session variables: lift the trigger inside this transaction only.
            cursor.execute(triggers.SQLITE_DROP_DELETE_GUARD)
            cursor.execute(f"DELETE FROM {table} WHERE occurred_at < %s", [cutoff])  # noqa: S608
            cursor.execute(triggers.SQLITE_DELETE_GUARD)
        AccessLogEntry.objects.create(
            event_code=EventCode.ACCESS_LOG_PURGE,
            action_code=ActionCode.DELETE,
            result=Result.SUCCESS,
            authorisation_rule=AuthorisationRule.ADMIN,
            user_display=operator[:150],
            reason=f"{count} entries older than {cutoff.isoformat()}",
        )
    return count
