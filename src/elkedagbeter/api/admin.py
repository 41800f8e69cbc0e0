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
from elkedagbeter.organisations.scoping import Area, administered_area

from .actions import set_new_secret
from .models import ApiToken


def _users_in(area: Area) -> QuerySet[User]:
    """Users with a membership in the area: tokens act for them."""
    users = User.objects.filter(is_active=True)
    if area.national:
        return users
    return users.filter(memberships__in=memberships_in(area)).distinct()


@admin.action(description=_("Revoke the selected tokens"))
def revoke(modeladmin: ApiTokenAdmin, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
    count = queryset.filter(revoked=False).update(revoked=True)
    message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["prefix", "name", "user__username"]
    actions = [revoke]
    readonly_fields = ["prefix", "created_at", "last_used_at"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(user__in=_users_in(area))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["user", "name", "expires_at"]
        return ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A token keeps acting for the user it was issued to.
        return [*self.readonly_fields, "user"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            kwargs["queryset"] = _users_in(administered_area(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        secret = set_new_secret(obj)
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            _("The token is shown once; give it to the system that uses it now: %(secret)s")
            % {"secret": secret},
            messages.WARNING,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
