"""API tokens for the functioneel beheerder: issue one (its secret is shown once), see when it
was last used, revoke it. Tokens are revoked rather than deleted, so their history stays."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.admin import ScopedAdmin, memberships_in
from elkedagbeter.organisations.scoping import Area

from .actions import revoke_selected
from .models import ApiToken


def _users_in(area: Area) -> QuerySet[User]:
    """Users with a membership in the area: tokens act for them."""
    users = User.objects.filter(is_active=True)
    if area.national:
        return users
    return users.filter(memberships__in=memberships_in(area)).distinct()


@admin.action(description=_("Revoke the selected tokens"))
def revoke(modeladmin: ApiTokenAdmin, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
    count = revoke_selected(request, queryset)
    message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """List, expire and revoke. A beheerder never creates a token: its owner does, for
    themselves, after a fresh second-factor check (``/account/api-tokens/``), so nobody acts in
    another's name. The secret is never stored, so nobody here can see it."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["prefix", "name", "user__username"]
    actions = [revoke]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(user__in=_users_in(area))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.revoked:
            return [*self.readonly_fields, "revoked"]  # a revoked token stays revoked
        return list(self.readonly_fields)
