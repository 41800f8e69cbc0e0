"""The catalogue and the good examples in the admin, for the functioneel beheerder: the
catalogue is national, good examples are kept by the administrators of their region."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import Area, has_role

from .models import CatalogueItem, ExampleStatement, ExampleZeroGoal, GoodExample


class _LinkInline(admin.TabularInline):  # type: ignore[type-arg]
    """A good example's zero goals or statements, kept with it by its region's administrators."""

    extra = 0

    def _admin(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    has_view_permission = has_add_permission = _admin
    has_change_permission = has_delete_permission = _admin


class ExampleZeroGoalInline(_LinkInline):
    model = ExampleZeroGoal


class ExampleStatementInline(_LinkInline):
    model = ExampleStatement


@admin.register(CatalogueItem)
class CatalogueItemAdmin(ScopedAdmin):
    list_display = ["name", "evidence_level", "target_group", "updated_at"]
    list_filter = ["evidence_level"]
    search_fields = ["name", "code", "target_group", "problem_area"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset


@admin.register(GoodExample)
class GoodExampleAdmin(ScopedAdmin):
    list_display = ["title", "region", "municipality", "created_at"]
    search_fields = ["title"]
    exclude = ["created_by"]
    filter_horizontal = ["interventions"]
    inlines = [ExampleZeroGoalInline, ExampleStatementInline]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(region_id__in=area.region_ids)
