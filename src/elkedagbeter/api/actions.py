"""Issuing and revoking API tokens. The secret is returned once and never stored: the database
keeps its SHA-256 digest (a random 256-bit secret needs no slow hash) and a short prefix."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import record_access
from elkedagbeter.audit.governance import record_operator_action, user_ref
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode

from .models import ApiToken

TOKEN_MARKER = "edb_"  # noqa: S105 - a marker that makes leaked tokens recognisable
PREFIX_LENGTH = len(TOKEN_MARKER) + 8
# How often ``last_used_at`` is written at most, so that a busy client does not write every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def set_new_secret(token: ApiToken) -> str:
    """Give an unsaved token a fresh secret; returns the secret, which is not kept."""
    secret = TOKEN_MARKER + secrets.token_urlsafe(32)
    token.token_hash = token_digest(secret)
    token.prefix = secret[:PREFIX_LENGTH]
    return secret


# The longest a token made on the web page lives; a new one is made in a minute.
MAX_VALID_FOR = timedelta(days=365)


def issue_token(
    user: User, *, name: str, valid_for: timedelta | None, operator: str = ""
) -> tuple[ApiToken, str]:
    """A new token for ``user``, from the command line by an operator of the installation;
    returns the stored token and the secret to hand over once. Logged with the operator."""
    token = _new_token(user, name, valid_for)
    secret = set_new_secret(token)
    with transaction.atomic():
        token.save()
        record_operator_action(
            operator or "create_api_token",
            event=EventCode.API_TOKEN_ISSUE,
            action=ActionCode.CREATE,
            object_ref=user_ref(user.pk),
            reason=f"token {token.prefix} ({name}) issued from the command line",
        )
    return token, secret


def issue_own_token(
    request: HttpRequest, *, name: str, valid_for: timedelta
) -> tuple[ApiToken, str]:
    """A token the logged-in user makes for themselves (the view has checked a fresh second
    factor). Nobody can make a token for someone else on the web."""
    user: User = request.user  # type: ignore[assignment]
    token = _new_token(user, name, min(valid_for, MAX_VALID_FOR))
    secret = set_new_secret(token)
    with transaction.atomic():
        token.save()
        _log(request, EventCode.API_TOKEN_ISSUE, token, AuthorisationRule.SELF)
    return token, secret


def revoke_own(request: HttpRequest, token: ApiToken) -> None:
    if token.user_id != request.user.pk or token.revoked:
        return
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked=True)
        _log(request, EventCode.API_TOKEN_REVOKE, token, AuthorisationRule.SELF)


def revoke_selected(request: HttpRequest, queryset: QuerySet[ApiToken]) -> int:
    """A beheerder revokes tokens in their area (the admin's queryset is scoped)."""
    with transaction.atomic():
        tokens = list(queryset.filter(revoked=False).select_for_update(of=("self",)))
        ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(revoked=True)
        for token in tokens:
            _log(request, EventCode.API_TOKEN_REVOKE, token, AuthorisationRule.ADMIN)
    return len(tokens)


def _new_token(user: User, name: str, valid_for: timedelta | None) -> ApiToken:
    return ApiToken(
        user=user,
        name=name,
        expires_at=timezone.now() + valid_for if valid_for is not None else None,
    )


def _log(request: HttpRequest, event: EventCode, token: ApiToken, rule: AuthorisationRule) -> None:
    record_access(
        request,
        event=event,
        action=ActionCode.CREATE if event == EventCode.API_TOKEN_ISSUE else ActionCode.UPDATE,
        rule=rule,
        object_type="api-token",
        object_ref=user_ref(token.user_id),
        reason=f"token {token.prefix} ({token.name})",
    )


def find_usable_token(secret: str) -> ApiToken | None:
    """The token with this secret if it may be used now, with its user; records the use."""
    token = ApiToken.objects.select_related("user").filter(token_hash=token_digest(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_tokens(prefix: str) -> int:
    """Revoke the tokens that start with ``prefix``; returns how many were revoked."""
    return ApiToken.objects.filter(prefix=prefix[:PREFIX_LENGTH], revoked=False).update(
        revoked=True
    )
