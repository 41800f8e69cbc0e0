from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Team


class NewCaseForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        error_messages={
            "required": _("Kies het team dat de casus oppakt."),
            "invalid_choice": _("Kies een van uw eigen teams."),
        },
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams
        if teams.count() == 1:
            field.initial = teams.first()


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van inzage"),
        help_text=_(
            "Deze casus is geëscaleerd naar uw expertteam. Schrijf kort waarom u hem nu inziet; "
            "het team van de casus ziet deze reden in het toegangslog."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Geef een reden voor de inzage."),
            "min_length": _("Geef een reden van minstens %(limit_value)d tekens."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )
