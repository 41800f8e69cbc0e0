"""The catalogue and the good examples in the admin, for the functioneel beheerder. A national
intervention (no region) is changed only by a national administrator; a regional administrator
adds and changes the interventions of their own region (``selectors.may_change_catalogue_item``).
Every save goes through ``actions.save_catalogue_item``, which records who changed it and when.
Good examples are kept by the administrators of their region."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import ModelChoiceField, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.admin import ScopedAdmin
from elkedagbeter.organisations.models import Region, Role
from elkedagbeter.organisations.scoping import Area, has_role

from . import actions, selectors
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
    list_display = [
        "name",
        "evidence_level",
        "kept_by",
        "target_group",
        "changed_by",
        "changed_at",
    ]
    list_filter = ["evidence_level", "region"]
    search_fields = ["name", "code", "target_group", "problem_area"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["changed_by", "changed_at"]
    list_select_related = ["region", "changed_by"]

    @admin.display(description=_("kept by"), ordering="region__name")
    def kept_by(self, item: CatalogueItem) -> str:
        return item.region.name if item.region else str(_("national"))

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset  # everyone reads the whole catalogue; changing is limited below

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and selectors.may_add_catalogue_items(
            request.user
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed and selectors.may_add_catalogue_items(request.user)
        return allowed and selectors.may_change_catalogue_item(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        if obj is None:
            return allowed and selectors.may_add_catalogue_items(request.user)
        return allowed and selectors.may_change_catalogue_item(request.user, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form: type[ModelForm[CatalogueItem]] = super().get_form(request, obj, change, **kwargs)
        national, _regions = selectors.catalogue_regions(request.user)
        if not national and "region" in form.base_fields:
            form.base_fields["region"].required = True  # empty would make it national
        return form

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Model] | None:
        if db_field.name == "region":
            national, regions = selectors.catalogue_regions(request.user)
            kwargs["queryset"] = (
                Region.objects.all() if national else Region.objects.filter(pk__in=regions)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: CatalogueItem, form: Any, change: bool) -> None:
        actions.save_catalogue_item(request.user, obj)  # type: ignore[arg-type]


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
