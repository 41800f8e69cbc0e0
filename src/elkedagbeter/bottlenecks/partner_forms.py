"""Forms for "who we need": asking a party, answering, withdrawing. Dutch messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region, Team

from .models import ANSWERS, PartnerStatus, ResponsibleBody
from .partner_selectors import askable_bodies, askable_teams


class AskForm(forms.Form):
    use_required_attribute = False
    body = forms.ModelChoiceField(
        label=_("A responsible body"),
        required=False,
        queryset=ResponsibleBody.objects.none(),
        empty_label=_("(none)"),
        help_text=_("A body with a mandate: municipality, region or national."),
    )
    team = forms.ModelChoiceField(
        label=_("A team or provider location"),
        required=False,
        queryset=Team.objects.none(),
        empty_label=_("(none)"),
    )
    role_name = forms.CharField(
        label=_("Or a role, in words"),
        required=False,
        max_length=160,
        help_text=_("When it is neither, e.g. 'jeugdrechters' or 'huisartsen'."),
        error_messages={"max_length": _("Keep the role under %(limit_value)d characters.")},
    )
    ask = forms.CharField(
        label=_("What do you ask of them?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write what you ask of them."),
            "max_length": _("Keep the question under %(limit_value)d characters."),
        },
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        team = self.fields["team"]
        assert isinstance(body, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelChoiceField)
        body.queryset = askable_bodies(region)
        team.queryset = askable_teams(region)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        chosen = [
            cleaned.get("body") is not None,
            cleaned.get("team") is not None,
            bool((cleaned.get("role_name") or "").strip()),
        ]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                _("Choose one party: a body, a team or a role described in words.")
            )
        return cleaned


ANSWER_LABELS = {
    PartnerStatus.JOINED: _("We join"),
    PartnerStatus.DECLINED: _("We decline (give the reason)"),
}


class AnswerForm(forms.Form):
    use_required_attribute = False
    status = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your answer."),
            "invalid_choice": _("This answer is not possible now."),
        },
    )
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you decline; shown on the O-plaat."),
        error_messages={"max_length": _("Keep the reason under %(limit_value)d characters.")},
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        possible = ANSWERS[PartnerStatus(current)]
        field.choices = [
            (status.value, label) for status, label in ANSWER_LABELS.items() if status in possible
        ]


class WithdrawForm(forms.Form):
    use_required_attribute = False
    reason = forms.CharField(
        label=_("Why withdraw? (optional)"),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Keep the reason under %(limit_value)d characters.")},
    )
