"""Optional single sign-on with OpenID Connect (mozilla-django-oidc).

Users are matched on the provider's stable subject identifier, never on e-mail (which can be
reassigned). A new SSO user gets no memberships: a functioneel beheerder grants roles. The
provider's multi-factor login counts as our second factor when its ID token says so in the
``amr`` claim (RFC 8176), or when the deployment trusts the provider to always require it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User
from .second_factor import SESSION_KEY_PROVIDER_MFA

_MFA_METHODS = {"mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "pin"}


def username_for_subject(subject: str) -> str:
    return f"oidc:{subject}"[:150]


class OIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # We match on the subject only; e-mail is optional profile data.
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        subject = claims.get("sub")
        if not subject:
            return User.objects.none()
        return User.objects.filter(username=username_for_subject(str(subject)))

    def create_user(self, claims: dict[str, Any]) -> User:
        user = User(username=username_for_subject(str(claims["sub"])))
        self._copy_claims(user, claims)
        user.set_unusable_password()
        user.save()
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        self._copy_claims(user, claims)
        user.save(update_fields=["email", "first_name", "last_name"])
        return user

    @staticmethod
    def _copy_claims(user: User, claims: dict[str, Any]) -> None:
        user.email = str(claims.get("email", ""))[:254]
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        user: User | None = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and self.request is not None:
            methods = {str(m).lower() for m in payload.get("amr", []) or []}
            trusted = getattr(settings, "OIDC_TRUST_PROVIDER_MFA", False)
            self.request.session[SESSION_KEY_PROVIDER_MFA] = bool(trusted or methods & _MFA_METHODS)
        return user
