"""Users and their memberships, for the functioneel beheerder."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from elkedagbeter.organisations.admin import (
    MembershipForm,
    ScopedAdmin,
    ScopedChoicesMixin,
    membership_form_for,
    memberships_in,
)
from elkedagbeter.organisations.models import Membership, Role
from elkedagbeter.organisations.scoping import Area, administered_area, has_role

from .models import User


class MembershipInline(ScopedChoicesMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Only the memberships in the administered area are shown and can be changed."""

    model = Membership
    fk_name = "user"
    extra = 1
    form = MembershipForm

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=memberships_in(administered_area(request.user)))
        )

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs["form"] = membership_form_for(request)
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    has_change_permission = has_delete_permission = has_view_permission = has_add_permission


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    inlines = [MembershipInline]
    # Our roles decide permissions; Django's staff/superuser flags and groups are not used.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        return queryset.filter(
            Q(memberships__in=memberships_in(area)) | Q(memberships__isnull=True)
        ).distinct()


@admin.action(description=_("Reset the second factor (the user sets up a new one at next login)"))
def reset_second_factor(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    deleted, _rows = TOTPDevice.objects.filter(user__in=queryset).delete()
    modeladmin.message_user(
        request,
        ngettext("%(count)d second factor removed.", "%(count)d second factors removed.", deleted)
        % {"count": deleted},
    )


UserAdmin.actions = [reset_second_factor]  # type: ignore[misc]


# Django's groups and permissions are not used (roles are memberships), TOTP secrets must not be
# shown to administrators, and axes' own login logs duplicate the access log.
for _unused_model in (Group, TOTPDevice, AccessLog, AccessFailureLog, AccessAttempt):
    if admin.site.is_registered(_unused_model):
        admin.site.unregister(_unused_model)


@admin.register(AccessAttempt)
class LockoutAdmin(ScopedAdmin):
    """Failed logins of users in the area; deleting an attempt lifts the lock-out."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username"]
    fields = ("username", "ip_address", "failures_since_start", "attempt_time")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        if area.national:
            return queryset
        usernames = User.objects.filter(memberships__in=memberships_in(area)).values("username")
        return queryset.filter(username__in=usernames)
