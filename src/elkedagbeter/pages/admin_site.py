"""The Django admin as the functioneel beheerder's tool.

Access follows our roles, not Django's staff flags and model permissions: an active user with the
admin role who has passed the second factor. What they see is limited to the part of the
organisation they administer (see ScopedAdmin in the organisations app).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elkedagbeter.accounts.second_factor import second_factor_passed
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role


class AdminSite(admin.AdminSite):
    site_header = _("Elke Dag Beter — administration")
    site_title = _("Elke Dag Beter administration")
    index_title = _("Organisations, teams and users")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and has_role(user, Role.ADMIN) and second_factor_passed(request))

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            # Logged in without the admin role (the middleware handles the second factor).
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), login_url=reverse("accounts:login")
        )
