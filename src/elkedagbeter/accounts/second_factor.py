"""Whether a session has passed the second factor.

A TOTP verification (django-otp) counts, and so does an OpenID Connect login whose identity
provider asserted multi-factor authentication.
"""

from __future__ import annotations

from django.http import HttpRequest

from elkedagbeter.organisations.scoping import needs_second_factor

SESSION_KEY_PROVIDER_MFA = "edb_provider_mfa"


def second_factor_passed(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return True
    return bool(request.session.get(SESSION_KEY_PROVIDER_MFA))


def second_factor_pending(request: HttpRequest) -> bool:
    """True when the user is logged in, must use a second factor and has not yet."""
    return (
        request.user.is_authenticated
        and needs_second_factor(request.user)
        and not second_factor_passed(request)
    )
