from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.forms import DateInput
from elkedagbeter.organisations.models import Team

from .models import (
    Agreement,
    Answer,
    CaseConference,
    Consultation,
    SetAsideReason,
    Theme,
    Triage,
)


class SetAsideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you set this signal aside?"),
        choices=SetAsideReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=300,
        help_text=_("Names and places are removed automatically."),
    )


class ConferenceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseConference
        fields = ["held_on", "participants", "question"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "question": _("What the conference should answer. Names are removed automatically."),
        }


class AgreementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Agreement
        fields = ["what", "who", "due_on"]
        widgets = {"due_on": DateInput()}


AgreementFormSet = forms.modelformset_factory(
    Agreement, form=AgreementForm, extra=3, max_num=10, can_delete=False
)


class ConsultationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = ["expert_team", "situation", "tried", "needed"]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 3}),
            "tried": forms.Textarea(attrs={"rows": 3}),
            "needed": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "situation": _("Names and places are removed automatically."),
            "needed": _(
                "The family stays with you: the expert team advises, joins in or "
                "takes part in a case conference."
            ),
        }

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert_team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        field.empty_label = None


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What does the expert team do?"), choices=Triage.choices, widget=forms.RadioSelect
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        choices=[("", _("(none)")), *Theme.choices],
        required=False,
        help_text=_("Themes that recur across consultations can be raised as a knelpunt."),
    )
    decline_reason = forms.CharField(
        label=_("Reason to decline"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdviceForm(forms.Form):
    advice = forms.CharField(label=_("Advice"), widget=forms.Textarea(attrs={"rows": 5}))


class FollowUpForm(forms.Form):
    helped = forms.ChoiceField(
        label=_("Did the advice help?"), choices=Answer.choices, widget=forms.RadioSelect
    )
    stabilised = forms.ChoiceField(
        label=_("Has the situation stabilised?"), choices=Answer.choices, widget=forms.RadioSelect
    )
