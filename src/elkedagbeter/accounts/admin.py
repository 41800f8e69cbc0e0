"""Users and their memberships, for the functioneel beheerder."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.admin import ScopedAdmin, memberships_in
from elkedagbeter.organisations.models import Membership
from elkedagbeter.organisations.scoping import Area

from .models import User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    fk_name = "user"
    extra = 1

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    has_change_permission = has_delete_permission = has_view_permission = has_add_permission


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    inlines = [MembershipInline]
    # Our roles decide permissions; Django's staff/superuser flags and groups are not used.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(
            Q(memberships__in=memberships_in(area)) | Q(memberships__isnull=True)
        ).distinct()
