"""Users and their memberships, for the functioneel beheerder."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
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

from . import codes
from .models import AccountCode, CodeChannel, CodePurpose, User

# django-axes ships no Dutch catalogue: its model names, translated in ours (the project's
# catalogue comes first for every app), so the administration does not say "Access attempts".
AXES_MODEL_NAMES = (_("access attempt"), _("access attempts"))


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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    has_change_permission = has_delete_permission = has_view_permission = has_add_permission


class NewUserForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new account has no password: the person sets their own with an activation code."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    inlines = [MembershipInline]
    # Our roles decide permissions; Django's staff/superuser flags and groups are not used. There
    # is no password field: a beheerder never sets or sees a password (see accounts/codes.py).
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_form = NewUserForm
    add_form_template = "admin/accounts/user/add_form.html"  # no password: say what happens
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
    readonly_fields = ["last_login", "date_joined"]

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(area.users_q()).distinct()

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        raise PermissionDenied  # people set their own password with a one-time code

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        old_email = User.objects.get(pk=obj.pk).email if change else ""
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if change and old_email and old_email != obj.email:
            transaction.on_commit(lambda: _tell_old_address(obj, old_email))
        if not change:
            _issue(self, request, obj, CodePurpose.ACTIVATION)


def _tell_old_address(user: User, old_email: str) -> None:
    send_mail(
        gettext("Elke Dag Beter: the e-mail address of your account was changed"),
        gettext(
            "The e-mail address of your account %(username)s was changed by a functioneel "
            "beheerder. Did you not ask for this? Tell your privacy officer."
        )
        % {"username": user.get_username()},
        None,
        [old_email],
    )


def _issue(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, user: User, purpose: CodePurpose
) -> None:
    """By e-mail when the person has an address; otherwise shown once, to hand over."""
    channel = CodeChannel.EMAIL if user.email else CodeChannel.IN_PERSON
    code = codes.issue_code(request, user, purpose=purpose, channel=channel)
    if channel == CodeChannel.EMAIL:
        message = gettext("%(user)s gets an e-mail with a one-time link to set their password.")
        modeladmin.message_user(request, message % {"user": user}, messages.SUCCESS)
        return
    message = gettext(
        "%(user)s has no e-mail address. Hand over this one-time code in person (it is shown "
        "once, is valid for %(hours)s hours, and using it is logged and told to the person): "
        "%(code)s"
    )
    hours = int(codes.valid_for().total_seconds() // 3600)
    modeladmin.message_user(
        request, message % {"user": user, "hours": hours, "code": code}, messages.WARNING
    )


@admin.action(
    description=_("Send a reset link by e-mail (the person sets a new password and second factor)")
)
def send_reset_link(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    without_email = [user for user in queryset if not user.email]
    for user in queryset:
        if user.email:
            codes.issue_code(request, user, purpose=CodePurpose.RESET, channel=CodeChannel.EMAIL)
    sent = queryset.count() - len(without_email)
    modeladmin.message_user(
        request,
        ngettext("%(count)d reset link sent.", "%(count)d reset links sent.", sent)
        % {"count": sent},
    )
    if without_email:
        modeladmin.message_user(
            request,
            gettext("No e-mail address, so no link sent: %(users)s. Issue a code in person.")
            % {"users": ", ".join(str(user) for user in without_email)},
            messages.WARNING,
        )


@admin.action(description=_("Issue a one-time reset code to hand over in person"))
def issue_reset_code(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    if queryset.count() != 1:
        modeladmin.message_user(
            request,
            gettext("Choose one person: a code is handed over to one person."),
            messages.ERROR,
        )
        return
    user = queryset.get()
    code = codes.issue_code(request, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON)
    hours = int(codes.valid_for().total_seconds() // 3600)
    modeladmin.message_user(
        request,
        gettext(
            "Hand this one-time code to %(user)s in person, after checking who they are. It is "
            "shown once and valid for %(hours)s hours; using it is logged and told to the "
            "person by e-mail: %(code)s"
        )
        % {"user": user, "hours": hours, "code": code},
        messages.WARNING,
    )


UserAdmin.actions = [send_reset_link, issue_reset_code]  # type: ignore[misc]


@admin.register(AccountCode)
class AccountCodeAdmin(ScopedAdmin):
    """Which codes were issued, by whom, and whether they were used. Never the code itself."""

    _shown = ("user", "purpose", "channel", "issued_by", "issued_at", "expires_at", "used_at")
    list_display = list(_shown)
    list_filter = ["purpose", "channel"]
    fields = readonly_fields = (*_shown, "voided", "failed_attempts")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def scope(self, request: HttpRequest, queryset: QuerySet[Any], area: Area) -> QuerySet[Any]:
        return queryset.filter(user__in=User.objects.filter(area.users_q()))


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
