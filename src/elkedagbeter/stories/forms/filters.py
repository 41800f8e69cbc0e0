"""Which stories a view shows: teller's role, region, pattern and period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.parameters import plausible_date_validators
from elkedagbeter.organisations.models import Region

from ..models import NarratorRole, Pattern


class StoryFilterForm(forms.Form):
    """Which stories a view shows. Also used with a prefix for the second group to compare."""

    rol = forms.ChoiceField(
        label=_("Told by"), required=False, choices=[("", _("Everyone")), *NarratorRole.choices]
    )
    regio = forms.ModelChoiceField(
        label=_("Youth region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("All regions"),
    )
    patroon = forms.ModelChoiceField(
        label=_("Pattern"),
        queryset=Pattern.objects.none(),
        required=False,
        empty_label=_("All patterns"),
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date as 2026-01-31.")},
        validators=plausible_date_validators(),
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date as 2026-01-31.")},
        validators=plausible_date_validators(),
    )

    def __init__(
        self, *args: Any, regions: QuerySet[Region], patterns: QuerySet[Pattern], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["regio"]
        pattern = self.fields["patroon"]
        assert isinstance(region, forms.ModelChoiceField)
        assert isinstance(pattern, forms.ModelChoiceField)
        region.queryset = regions
        pattern.queryset = patterns

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("The end date lies before the start date."))
        return data
