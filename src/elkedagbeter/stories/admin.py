"""Signification frameworks in the admin: a region writes its own prompts without code changes.
Once stories were told under a framework its questions are read-only; "new version" copies it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area

from .frameworks import new_version
from .models import Framework, Signifier

SIGNIFIER_FIELDS = [
    "order",
    "code",
    "kind",
    "prompt",
    "help_text",
    "labels",
    "multiple",
    "allow_na",
]


class SignifierInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Signifier
    extra = 0
    fields = SIGNIFIER_FIELDS  # type: ignore[assignment]

    def _used(self, obj: Framework | None) -> bool:
        return obj is not None and obj.stories.exists()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(SIGNIFIER_FIELDS) if self._used(obj) else []

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._used(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._used(obj)


@admin.register(Framework)
class FrameworkAdmin(ScopedAdmin):
    list_display = ["name", "slug", "version", "region", "is_active"]
    list_filter = ["is_active"]
    inlines = [SignifierInline]
    actions = ["make_new_version"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(Q(region_id__in=area.region_ids))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        used = obj is not None and obj.stories.exists()
        return super().has_delete_permission(request, obj) and not used

    @admin.action(description=_("New version (to change questions stories were told under)"))
    def make_new_version(self, request: HttpRequest, queryset: QuerySet[Framework]) -> None:
        for framework in queryset:
            copy = new_version(framework)
            messages.success(request, _("Made %(framework)s.") % {"framework": copy})
