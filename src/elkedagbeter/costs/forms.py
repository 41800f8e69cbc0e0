"""The form that records a case's arrangement on the case page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.forms import DateInput
from elkedagbeter.cases.models import Case

from .arrangements import arrangement_errors
from .models import ARRANGEMENTS


class ArrangementForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Arrangement"), choices=[(level.value, level.label) for level in ARRANGEMENTS]
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        level, agreed_on = cleaned.get("level"), cleaned.get("agreed_on")
        if level and agreed_on:
            errors = arrangement_errors(
                level, agreed_on, case=self.case, today=timezone.localdate()
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return cleaned
