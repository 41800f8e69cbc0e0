from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.accounts.forms import check_new_password
from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import Goal, HouseholdMember
from elkedagbeter.monitoring.models import ScoreScale

from .models import FamilyKind, TeamContact
from .youth_check import ANSWER_CHOICES, QUESTIONS


class InviteForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=HouseholdMember.objects.none(),
        label=_("Who do you invite?"),
        error_messages={"required": _("Choose the household member you invite.")},
    )
    kind = forms.ChoiceField(
        choices=FamilyKind.choices,
        label=_("Invited as"),
        error_messages={"required": _("Choose parent or young person.")},
    )

    def __init__(self, *args: Any, case_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = HouseholdMember.objects.filter(case_id=case_id)  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TeamContact
        fields = ["display_name", "role", "reach"]


class RedeemForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("You got this code from your contact person. For example ABCD-EFGH-JKLM."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Type the code you got.")},
    )
    username = forms.CharField(
        label=_("Choose a username"),
        help_text=_("Not your real name. You use it to log in."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("Choose a username.")},
    )
    new_password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
    )
    new_password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password a second time.")},
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken. Choose another one."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        check_new_password(self, cleaned)
        return cleaned


GAS_WORDS = [
    (-2, _("Much worse than we hoped")),
    (-1, _("Worse than we hoped")),
    (0, _("As we hoped")),
    (1, _("Better than we hoped")),
    (2, _("Much better than we hoped")),
]


class AnswerForm(forms.Form):
    safety = forms.TypedChoiceField(
        label=_("How safe does it feel at home? (1 is not safe at all, 10 is very safe)"),
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 1 to 10.")},
    )
    heard = forms.TypedChoiceField(
        label=_("Do you feel heard?"),
        choices=[
            (1, _("1 - Not at all")),
            (2, _("2 - A little")),
            (3, _("3 - Partly")),
            (4, _("4 - Mostly")),
            (5, _("5 - Yes, completely")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how heard you feel.")},
    )

    def __init__(self, *args: Any, goals: list[Goal], scale: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scale == ScoreScale.GAS:
            choices: list[tuple[int, Any]] = list(GAS_WORDS)
        else:
            choices = [(n, str(n)) for n in range(1, 11)]
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how it goes with this goal.")},
            )
        self.goals = goals

    def scores(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}


class VerdictForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Do you agree with this plan?"),
        choices=[("ja", _("Yes, I agree")), ("nee", _("No, I do not agree"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    reason = forms.CharField(
        label=_("Why? (you must fill this in when you do not agree)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("agrees") is False and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Tell us why you do not agree."))
        return cleaned


class YouthCheckForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.code] = forms.TypedChoiceField(
                label=str(question.text),
                choices=ANSWER_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[str, int]:
        return {code: value for code, value in self.cleaned_data.items() if value not in ("", None)}


class SharingForm(forms.Form):
    shares = forms.BooleanField(
        label=_("My parents may see my own answers and what happened to me"), required=False
    )
