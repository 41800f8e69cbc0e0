from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.parameters import plausible_date_validators

from .models import EventCode, Result


class AccessLogFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
        validators=plausible_date_validators(),
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
        validators=plausible_date_validators(),
    )
    event = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All")), *EventCode.choices]
    )
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All")), *Result.choices]
    )
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    object_ref = forms.CharField(label=_("Case number"), required=False, max_length=64)

    def clean(self) -> dict[str, object] | None:
        cleaned = super().clean()
        if cleaned is None:
            return None
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned
