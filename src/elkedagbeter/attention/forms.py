from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.forms import DateInput

from .models import Agreement, CaseConference, SetAsideReason


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
