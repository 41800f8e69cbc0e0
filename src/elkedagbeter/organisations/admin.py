"""Admin screens for the functioneel beheerder, limited to the area they administer."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model, Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from .models import Membership, Municipality, Region, Role, Team
from .scoping import Area, administered_area, has_role


def _regions(area: Area) -> QuerySet[Region]:
    if area.national:
        return Region.objects.all()
    return Region.objects.filter(
        Q(pk__in=area.region_ids)
        | Q(municipalities__pk__in=area.municipality_ids)
        | Q(teams__pk__in=area.team_ids)
    ).distinct()


def _municipalities(area: Area) -> QuerySet[Municipality]:
    if area.national:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        Q(region_id__in=area.region_ids) | Q(pk__in=area.municipality_ids)
    )


def memberships_in(area: Area) -> QuerySet[Membership]:
    if area.national:
        return Membership.objects.all()
    return Membership.objects.filter(
        Q(team__in=area.teams())
        | Q(municipality__in=_municipalities(area))
        | Q(region_id__in=area.region_ids)
    )


_SCOPED_CHOICES = {
    Region: _regions,
    Municipality: _municipalities,
    Team: lambda area: area.teams(),
}


class ScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin-role users manage what lies in their area; foreign-key choices are limited too."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    has_add_permission = has_module_permission  # type: ignore[assignment]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(request, super().get_queryset(request), administered_area(request.user))

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Model] | None:
        chooser = _SCOPED_CHOICES.get(db_field.related_model)  # type: ignore[call-overload]
        if chooser is not None:
            kwargs["queryset"] = chooser(administered_area(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(pk__in=_regions(area))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return administered_area(request.user).national

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return administered_area(request.user).national


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(pk__in=_municipalities(area))


@admin.register(Team)
class TeamAdmin(ScopedAdmin):
    list_display = ["name", "team_type", "municipality", "region", "is_active"]
    list_filter = ["team_type", "region", "is_active"]
    search_fields = ["name"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(area.team_q())


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["user", "role", "team", "municipality", "region"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(pk__in=memberships_in(area))
