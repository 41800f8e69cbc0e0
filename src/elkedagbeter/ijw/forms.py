from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region, Team

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class MessageUploadForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("One iJw message (.xml) or a zip of many."),
        error_messages={"required": _("Choose the file to import.")},
    )
    region = forms.ModelChoiceField(label=_("Youth region"), queryset=Region.objects.none())
    mode = forms.ChoiceField(
        label=_("When some messages are wrong"),
        choices=[
            ("alles", _("Import nothing until every message is right")),
            ("goede_berichten", _("Import the good messages and list the wrong ones")),
        ],
        widget=forms.RadioSelect,
        initial="alles",
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = regions
        if len(regions) == 1:
            field.initial = regions[0]

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if not upload.name.lower().endswith((".xml", ".zip")):
            raise forms.ValidationError(_("Upload an .xml or .zip file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class TakeUpForm(forms.Form):
    """Taking up a youth known only from messages: the team that holds the new case and, when
    the messages gave none, the birth year."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    birth_year = forms.IntegerField(
        label=_("Birth year"), required=False, min_value=1990, max_value=2100
    )

    def __init__(self, *args: Any, teams: list[Team], birth_year: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Team.objects.filter(pk__in=[team.pk for team in teams])
        if len(teams) == 1:
            field.initial = teams[0]
        self.fields["birth_year"].initial = birth_year
        self.fields["birth_year"].required = birth_year is None


class SetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the team not take this up?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for setting this aside.")},
    )
