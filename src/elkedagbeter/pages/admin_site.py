"""The Django admin as the functioneel beheerder's tool.

Access follows our roles, not Django's staff flags and model permissions: an active user with the
admin role who has passed the second factor. What they see is limited to the part of the
organisation they administer (see ScopedAdmin in the organisations app).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elkedagbeter.accounts.second_factor import second_factor_passed
from elkedagbeter.audit.actions import record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode, Result
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role, memberships_of


class AdminSite(admin.AdminSite):
    site_header = _("Elke Dag Beter — administration")
    site_title = _("Elke Dag Beter administration")
    index_title = _("Organisations, teams and users")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and has_role(user, Role.ADMIN) and second_factor_passed(request))

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        """Every change attempted in the administration, and every refusal, goes into the access
        log: the beheerder's actions are reviewable like everyone else's (NEN 7513)."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def logged(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response: HttpResponse = inner(request, *args, **kwargs)
            except PermissionDenied:
                _log_admin_attempt(request, Result.REFUSED)
                raise
            if response.status_code in (403, 404):
                _log_admin_attempt(request, Result.REFUSED)
            elif request.method == "POST":
                done = response.status_code == 302
                _log_admin_attempt(request, Result.SUCCESS if done else Result.REFUSED)
            return response

        return logged

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            # Logged in without the admin role (the middleware handles the second factor).
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), login_url=reverse("accounts:login")
        )


def _log_admin_attempt(request: HttpRequest, result: Result) -> None:
    if not request.user.is_authenticated:
        return
    what = f"{request.method} {request.path}"
    if request.method == "POST" and request.POST.get("action"):
        what += f" action={request.POST['action'][:60]}"
    record_access(
        request,
        event=EventCode.ADMIN_CHANGE,
        action=ActionCode.UPDATE if request.method == "POST" else ActionCode.READ,
        rule=AuthorisationRule.ADMIN,
        result=result,
        membership=next((m for m in memberships_of(request.user) if m.role == Role.ADMIN), None),
        object_type="beheer",
        reason=what[:500],
    )
