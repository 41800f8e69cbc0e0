"""Issuing and revoking API tokens. The secret is returned once and never stored: the database
keeps its SHA-256 digest (a random 256-bit secret needs no slow hash) and a short prefix."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from elkedagbeter.accounts.models import User

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


def issue_token(user: User, *, name: str, valid_for: timedelta | None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the stored token and the secret to hand over once."""
    token = ApiToken(
        user=user,
        name=name,
        expires_at=timezone.now() + valid_for if valid_for is not None else None,
    )
    secret = set_new_secret(token)
    token.save()
    return token, secret


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
