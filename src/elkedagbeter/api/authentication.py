"""Bearer tokens (RFC 6750). No session authentication on the API, so no CSRF either."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions  # type: ignore[import-untyped]

from elkedagbeter.accounts.models import User

from .actions import find_usable_token
from .models import ApiToken

REALM = "Elke Dag Beter API"


class InvalidToken(exceptions.AuthenticationFailed):  # type: ignore[misc]
    default_detail = _("The token is not valid, has expired or was revoked.")
    default_code = "invalid_token"


class BearerTokenAuthentication(authentication.BaseAuthentication):  # type: ignore[misc]
    """``Authorization: Bearer <token>``. Requests without that header stay anonymous (and get
    401 from the permission check); a malformed or unusable token gets 401 right away."""

    keyword = "bearer"

    def authenticate(self, request: Any) -> tuple[User, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _separator, credentials = header.strip().partition(" ")
        if scheme.lower() != self.keyword:
            return None
        credentials = credentials.strip()
        if not credentials or " " in credentials:
            raise InvalidToken
        token = find_usable_token(credentials)
        if token is None:
            raise InvalidToken
        # The access log names the token next to its user (audit.actions.record_access).
        request._request.api_token_prefix = token.prefix
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return f'Bearer realm="{REALM}"'
