"""The functioneel beheerder keeps the responsible bodies, the routing rules and the response
norms of their regions. National bodies and rules for every region are for national
administrators; a regional administrator may route to a national body but not change it.
Bottlenecks themselves are worked on in the application, not here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model, Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area, administered_area

from .models import ResponseNorm, ResponsibleBody, RoutingRule


def _in_regions(queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
    if area.national:
        return queryset
    return queryset.filter(region_id__in=area.region_ids)


class RegionRequiredMixin:
    """A regional administrator cannot leave the region empty (that would make a national
    body or a rule for every region)."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        if not administered_area(request.user).national and "region" in form.base_fields:
            form.base_fields["region"].required = True
        return form


def _changeable(request: HttpRequest, obj: Any) -> bool:
    area = administered_area(request.user)
    return obj is None or area.national or obj.region_id in area.region_ids


@admin.register(ResponsibleBody)
class ResponsibleBodyAdmin(RegionRequiredMixin, ScopedAdmin):
    list_display = [
        "name",
        "level",
        "region",
        "contact_email",
        "is_region_coordinator",
        "is_active",
    ]
    list_filter = ["level", "is_region_coordinator", "is_active"]
    search_fields = ["name", "contact_email"]
    autocomplete_fields = ["handlers"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(Q(region_id__in=area.region_ids) | Q(region__isnull=True))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _changeable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and _changeable(request, obj)


class _RegionalAdmin(RegionRequiredMixin, ScopedAdmin):
    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return _in_regions(queryset, area)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Model] | None:
        if db_field.name == "body":
            area = administered_area(request.user)
            bodies = ResponsibleBody.objects.filter(is_active=True)
            if not area.national:
                bodies = bodies.filter(Q(region_id__in=area.region_ids) | Q(region__isnull=True))
            kwargs["queryset"] = bodies
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RoutingRule)
class RoutingRuleAdmin(_RegionalAdmin):
    list_display = ["position", "region", "municipality", "category", "level", "body", "is_active"]
    list_display_links = ["position"]
    list_editable = ["is_active"]
    list_filter = ["category", "level", "is_active"]
    ordering = ["position", "id"]


@admin.register(ResponseNorm)
class ResponseNormAdmin(_RegionalAdmin):
    list_display = ["category", "region", "response_days", "answer_days", "day_kind"]
    list_filter = ["category", "day_kind"]


from . import admin_partners  # noqa: E402, F401  (who we need: requests to partners)
