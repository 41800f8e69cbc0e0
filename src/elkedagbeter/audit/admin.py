"""The access log in the admin: read-only, for national functioneel beheer."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import administered_area, has_role

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "occurred_at",
        "event_code",
        "result",
        "user_display",
        "user_role",
        "object_ref",
    ]
    list_filter = ["event_code", "result", "authorisation_rule"]
    search_fields = ["object_ref", "user_display"]
    date_hierarchy = "occurred_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN) and administered_area(request.user).national

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
