"""The functioneel beheerder keeps the tariffs of their regions. Tariffs are not case data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area

from .models import Tariff


@admin.register(Tariff)
class TariffAdmin(ScopedAdmin):
    list_display = ["region", "key", "amount_cents", "valid_from", "valid_to"]
    list_filter = ["key"]
    fields = ["region", "key", "amount_cents", "valid_from", "valid_to"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(region_id__in=area.region_ids)
