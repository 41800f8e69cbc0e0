"""Admin screens for the functioneel beheerder, limited to the area they administer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.db.models import ForeignKey, Model, Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import (
    APPROVAL_ROLES,
    TEAM_ROLES,
    Membership,
    MembershipRequest,
    Municipality,
    Region,
    RequestStatus,
    Role,
    Team,
)
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
    return area.memberships()


_SCOPED_CHOICES: dict[type[Model], Callable[[Area], QuerySet[Any]]] = {
    Region: _regions,
    Municipality: _municipalities,
    Team: lambda area: area.teams(),
}


def users_in(area: Area) -> QuerySet[Any]:
    """People a beheerder of ``area`` may manage (see ``Area.users_q``)."""
    return get_user_model().objects.filter(area.users_q()).distinct()


class ScopedChoicesMixin:
    """Limit region, municipality, team and user choices to the administered area."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Model] | None:
        related = db_field.related_model
        chooser = _SCOPED_CHOICES.get(related) if isinstance(related, type) else None
        if related is get_user_model():
            chooser = users_in
        if chooser is not None:
            kwargs["queryset"] = chooser(administered_area(request.user))
        field: ModelChoiceField[Model] | None = super().formfield_for_foreignkey(  # type: ignore[misc]
            db_field, request, **kwargs
        )
        return field


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    """Roles without case data only: a role that reaches case data (or the admin role) is a
    request a second person approves. A regional administrator cannot hand out national roles
    (a membership without a scope)."""

    area: Area | None = None

    class Meta:
        model = Membership
        fields = ["user", "role", "team", "municipality", "region"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In the admin's table of memberships the column heading is no label: give every
        # input its accessible name.
        for field in self.fields.values():
            # The admin wraps a foreign key's select (add/change links); the name goes inside.
            widget: forms.Widget = getattr(field.widget, "widget", None) or field.widget
            widget.attrs.setdefault("aria-label", str(field.label))

    def clean(self) -> dict[str, Any]:
        """Every problem next to its field, in Dutch, so the database's constraint
        (membership_scope_fits_role) stays the last line of defence and is never shown."""
        cleaned: dict[str, Any] = super().clean() or {}
        role = cleaned.get("role")
        if not role:
            return cleaned
        label = Role(role).label
        if role in APPROVAL_ROLES and self.has_changed():
            self.add_error(
                "role",
                _(
                    "The role %(role)s reaches case data or decides who does, so a second "
                    "person must approve it. Ask for it under 'Membership requests'."
                )
                % {"role": label},
            )
            return cleaned
        team, municipality, region = (cleaned.get(f) for f in ("team", "municipality", "region"))
        if role in TEAM_ROLES and team is None:
            self.add_error(
                "team",
                _("A %(role)s works in a team: choose the team.") % {"role": str(label).lower()},
            )
        if role not in TEAM_ROLES and team is not None:
            self.add_error(
                "team",
                _(
                    "The role %(role)s is not tied to a team: leave the team empty and choose "
                    "a municipality or a youth region."
                )
                % {"role": label},
            )
        if municipality is not None and region is not None:
            self.add_error("municipality", _("Choose a municipality or a youth region, not both."))
        if self.errors or self.area is None or self.area.national:
            return cleaned
        if role not in TEAM_ROLES and municipality is None and region is None:
            self.add_error(
                "region",
                _(
                    "Choose where the role applies: a municipality or the youth region in your "
                    "area. Only a national administrator gives a role for the whole country."
                ),
            )
        return cleaned


def membership_form_for(request: HttpRequest) -> type[MembershipForm]:
    return type("AreaMembershipForm", (MembershipForm,), {"area": administered_area(request.user)})


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin-role users manage what lies in their area; foreign-key choices are limited too."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    has_add_permission = has_module_permission

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        raise NotImplementedError

    def get_deleted_objects(
        self, objs: Sequence[Any] | QuerySet[Any], request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[str]]:
        """What a delete would take along, as counts per kind of object, never one by one.

        Django's confirmation lists every related object by its name: deleting a team listed
        the case numbers of its cases and the titles of its knelpunten, deleting a user their
        emergency reads by case number, to the functioneel beheerder, who must not see case
        data. We chose counts over refusing such deletes outright because Django already
        refuses what is protected (a team with cases, a region with bottlenecks): the page
        still says so and how many of each kind stand in the way, without naming them, and
        a delete that only takes memberships or rules along stays possible. The same holds
        for the "delete selected" action, which asks this method too.
        """
        if not objs:
            return [], {}, set(), []
        first = objs[0]
        collector = NestedObjects(using=router.db_for_write(type(first)))
        collector.collect(cast(Any, objs))
        kinds = {
            cast(type[Model], model): instances for model, instances in collector.model_objs.items()
        }
        perms_needed: set[str] = set()
        for model, instances in kinds.items():
            if not self.admin_site.is_registered(model):
                continue
            model_admin: admin.ModelAdmin[Any] = self.admin_site.get_model_admin(model)
            if any(not model_admin.has_delete_permission(request, obj) for obj in instances):
                perms_needed.add(str(model._meta.verbose_name))
        model_count = {
            str(model._meta.verbose_name_plural): len(instances)
            for model, instances in kinds.items()
        }
        along = [
            _("%(kind)s: %(count)d") % {"kind": capfirst(kind), "count": count}
            for kind, count in model_count.items()
            if kind != str(first._meta.verbose_name_plural)
        ]
        to_delete: list[Any] = [f"{capfirst(first._meta.verbose_name)}: {obj}" for obj in objs]
        if along:
            to_delete.append(along)
        protected = [
            _("%(kind)s: %(count)d (counted, not listed: an administrator does not see them)")
            % {"kind": capfirst(kind), "count": count}
            for kind, count in Counter(
                str(obj._meta.verbose_name_plural) for obj in collector.protected
            ).items()
        ]
        return to_delete, model_count, perms_needed, protected

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(request, super().get_queryset(request), administered_area(request.user))


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
    list_display = ["user", "role", "team", "municipality", "region", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    form = MembershipForm

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = membership_form_for(request)
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A membership stays with the person it was given to.
        return ["user", "created_at"] if obj is not None else ["created_at"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            actions.announce_direct_grant(request, obj)

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(pk__in=memberships_in(area))


class MembershipRequestForm(forms.ModelForm):  # type: ignore[type-arg]
    requester: Any = None

    class Meta:
        model = MembershipRequest
        fields = ["user", "role", "team", "municipality", "region", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "role" in self.fields:  # absent on the read-only page of a decided request
            self.fields["role"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in Role.choices if value in APPROVAL_ROLES
            ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        problem = actions.request_problem(
            self.requester,
            user=cleaned.get("user"),
            role=cleaned.get("role") or "",
            reason=cleaned.get("reason") or "",
            team=cleaned.get("team"),
            municipality=cleaned.get("municipality"),
            region=cleaned.get("region"),
        )
        if problem is not None:
            raise ValidationError(problem)
        return cleaned


@admin.action(description=_("Approve the selected requests"))
def approve_requests(
    modeladmin: MembershipRequestAdmin, request: HttpRequest, queryset: QuerySet[Any]
) -> None:
    modeladmin.decide(request, queryset, approve=True)


@admin.action(description=_("Refuse the selected requests"))
def refuse_requests(
    modeladmin: MembershipRequestAdmin, request: HttpRequest, queryset: QuerySet[Any]
) -> None:
    modeladmin.decide(request, queryset, approve=False)


@admin.register(MembershipRequest)
class MembershipRequestAdmin(ScopedAdmin):
    """Roles that reach case data: one beheerder asks, a second person approves."""

    list_display = ["user", "role", "scope_label", "requested_by", "status", "decided_by"]
    list_filter = ["status", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    actions = [approve_requests, refuse_requests]
    readonly_fields = [
        "requested_by",
        "requested_at",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "membership",
    ]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = type(
            "RequesterForm", (MembershipRequestForm,), {"requester": request.user}
        )
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["user", "role", "team", "municipality", "region", "reason"]
        return ["user", "role", "team", "municipality", "region", "reason", *self.readonly_fields]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # decided through the actions; a request itself never changes

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of who asked and who approved stays

    def save_model(
        self, request: HttpRequest, obj: MembershipRequest, form: Any, change: bool
    ) -> None:
        if change:
            raise PermissionDenied
        data = form.cleaned_data
        try:
            created = actions.request_membership(
                request,
                user=data["user"],
                role=Role(data["role"]),
                reason=data["reason"],
                team=data.get("team"),
                municipality=data.get("municipality"),
                region=data.get("region"),
            )
        except actions.GrantRefused as refused:
            raise PermissionDenied(str(refused)) from refused
        obj.pk = created.pk
        obj.requested_by = created.requested_by

    def decide(self, request: HttpRequest, queryset: QuerySet[Any], *, approve: bool) -> None:
        for asked in queryset.filter(status=RequestStatus.PENDING):
            try:
                done = actions.decide_membership_request(request, asked, approve=approve)
            except actions.GrantRefused as refused:
                self.message_user(request, f"{asked}: {refused}", messages.ERROR)
            else:
                self.message_user(request, f"{done}: {done.get_status_display()}")

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(
            Q(team__in=area.teams())
            | Q(municipality__region_id__in=area.region_ids)
            | Q(municipality_id__in=area.municipality_ids)
            | Q(region_id__in=area.region_ids)
        )
