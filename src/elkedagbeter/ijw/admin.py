"""The functioneel beheerder keeps the region's mapping from iJw products to the CBS hulpvorm
met verblijf. A mapping is not case data: the page shows product codes, never a youth."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.scoping import Area

from .derived import DEFAULTS
from .models import ProductMapping


@admin.register(ProductMapping)
class ProductMappingAdmin(ScopedAdmin):
    list_display = ["region", "product_category", "product_code", "residence_type"]
    list_filter = ["residence_type"]
    search_fields = ["product_category", "product_code"]
    fields = ["region", "product_category", "product_code", "residence_type"]
    change_list_template = "admin/ijw/productmapping/change_list.html"

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(region_id__in=area.region_ids)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The shipped defaults next to the region's own rows: a region row overrides them."""
        labels = dict(ProductMapping._meta.get_field("residence_type").flatchoices)
        defaults = [
            {"category": category, "code": code, "residence_type": labels.get(kind, kind)}
            for (category, code), kind in sorted(DEFAULTS.items())
        ]
        return super().changelist_view(
            request, {**(extra_context or {}), "shipped_defaults": defaults}
        )
