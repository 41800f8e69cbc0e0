"""Authentication events go into the access log.

The access log listens; the apps below it (accounts, and Django's auth) only announce what
happened, through ``django.contrib.auth.signals`` and ``accounts.signals``. So accounts never
imports audit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.signals import second_factor_checked

from .actions import record_access
from .models import ActionCode, AuthorisationRule, EventCode, Result


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


@receiver(second_factor_checked)
def _second_factor_checked(
    sender: Any, request: HttpRequest, succeeded: bool, **kwargs: Any
) -> None:
    record_access(
        request,
        event=EventCode.SECOND_FACTOR,
        action=ActionCode.EXECUTE,
        rule=AuthorisationRule.SELF,
        result=Result.SUCCESS if succeeded else Result.REFUSED,
    )
