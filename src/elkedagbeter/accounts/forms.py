from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import totp


class LoginForm(AuthenticationForm):
    """Django's form with one message for every failure, so it never tells whether an account
    exists, is inactive or merely mistyped."""

    error_messages = {
        "invalid_login": _("The username or password is not correct. Check both and try again."),
        "inactive": _("The username or password is not correct. Check both and try again."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Verification code"),
        help_text=_("The 6-digit code from your authenticator app."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": _("Enter the 6-digit code from your authenticator app."),
            "min_length": _("The code has 6 digits."),
            "max_length": _("The code has 6 digits."),
        },
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has 6 digits."))
        wait = totp.seconds_throttled(self.device)
        if wait is not None:
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second before you try again.",
                    "Too many wrong codes. Wait %(seconds)d seconds before you try again.",
                    wait,
                )
                % {"seconds": wait}
            )
        if totp.was_used(self.device, token):
            # Not a guess: the person logged in a moment ago with this code. Say so, and do not
            # count it towards the throttle.
            seconds = totp.seconds_until_next_code(self.device)
            raise forms.ValidationError(
                ngettext(
                    "This code was used already. Wait for the next one (%(seconds)d more second).",
                    "This code was used already. Wait for the next one (%(seconds)d more seconds).",
                    seconds,
                )
                % {"seconds": seconds}
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct or has expired. Enter the current code.")
            )
        return token


def check_new_password(form: forms.Form, cleaned: dict[str, Any]) -> None:
    """A chosen password: both fields the same and accepted by the password validators, each
    problem next to its field (``new_password1`` and ``new_password2``)."""
    first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
    if first and second and first != second:
        form.add_error("new_password2", _("The two passwords are not the same."))
    elif first:
        try:
            password_validation.validate_password(first)
        except forms.ValidationError as error:
            form.add_error("new_password1", error)


class CodeForm(forms.Form):
    """The one-time code a beheerder issued, alone (for a person already logged in)."""

    code = forms.CharField(
        label=_("One-time code"),
        help_text=_("The code from your e-mail or from your beheerder, e.g. ABCD-EFGH-JKLM."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the one-time code.")},
    )


class RedeemForm(CodeForm):
    """Username, one-time code and a new password of the person's own choosing."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("Enter your username.")},
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a new password.")},
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the new password a second time.")},
    )
    field_order = ["username", "code", "new_password1", "new_password2"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        check_new_password(self, cleaned)
        return cleaned
