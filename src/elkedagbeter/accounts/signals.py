"""Authentication events go into the access log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from elkedagbeter.audit.actions import record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode, Result

from .models import User


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None:
        record_access(
            request,
            event=EventCode.LOGIN,
            action=ActionCode.EXECUTE,
            rule=AuthorisationRule.SELF,
            user=user,
        )


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and request.user.is_authenticated:
        record_access(
            request, event=EventCode.LOGOUT, action=ActionCode.EXECUTE, rule=AuthorisationRule.SELF
        )


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The attempted username is not stored: people type passwords into that field.
    if request is not None:
        record_access(
            request,
            event=EventCode.LOGIN_FAILED,
            action=ActionCode.EXECUTE,
            rule=AuthorisationRule.NONE,
            result=Result.REFUSED,
        )
