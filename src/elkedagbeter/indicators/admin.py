"""The regions' own O-plaat texts and thresholds, kept by the functioneel beheerder."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area

from .models import RegionalAmbition


@admin.register(RegionalAmbition)
class RegionalAmbitionAdmin(ScopedAdmin):
    list_display = ["zero_goal", "region", "good_enough", "baseline_year"]
    list_filter = ["zero_goal"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(Q(region_id__in=area.region_ids))
