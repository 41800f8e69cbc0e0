from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SetAsideReason


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
