"""The functioneel beheerder sees what their regions ask of whom for each zero goal, and may
correct the wording of an ask. Asking, answering and withdrawing happen in the application
(with the e-mails and the answer history), so the beheerder cannot add a request, change its
party or status, or remove it: the record of who asked and who answered stays."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area, administered_area

from .models import PartnerAnswer, PartnerRequest


class PartnerAnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PartnerAnswer
    extra = 0
    can_delete = False
    fields = ("status", "reason", "by", "acted_for", "at")
    readonly_fields = ("status", "reason", "by", "acted_for", "at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PartnerRequest)
class PartnerRequestAdmin(ScopedAdmin):
    list_display = ["zero_goal", "region", "party", "status", "asked_at"]
    list_filter = ["zero_goal", "status"]
    search_fields = ["ask", "role_name", "body__name", "team__name"]
    fields = ["region", "zero_goal", "body", "team", "role_name", "ask", "asked_by", "asked_at"]
    readonly_fields = [
        "region",
        "zero_goal",
        "body",
        "team",
        "role_name",
        "asked_by",
        "asked_at",
    ]
    inlines = [PartnerAnswerInline]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(region_id__in=area.region_ids)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        area = administered_area(request.user)
        return super().has_change_permission(request, obj) and (
            obj is None or area.national or obj.region_id in area.region_ids
        )
