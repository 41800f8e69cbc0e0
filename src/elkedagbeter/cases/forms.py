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
            "required": _("Choose the team that takes on the case."),
            "invalid_choice": _("Choose one of your own teams."),
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
        label=_("Reason for reading"),
        help_text=_(
            "This case has been escalated to your expert team. Write briefly why you open it "
            "now; the case's team sees this reason in the access log."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give a reason for reading this case."),
            "min_length": _("Give a reason of at least %(limit_value)d characters."),
            "max_length": _("Keep the reason shorter than %(limit_value)d characters."),
        },
    )
