"""The functioneel beheerder sets the signal thresholds of their regions. Thresholds are not case
data: the page shows levels, never a case or a signal."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area

from .models import THRESHOLD_FIELDS, Thresholds


@admin.register(Thresholds)
class ThresholdsAdmin(ScopedAdmin):
    list_display = ["region", "safety_floor", "monitoring_norm_days", "waiting_norm_days"]
    fields = ["region", *THRESHOLD_FIELDS]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(region_id__in=area.region_ids)
