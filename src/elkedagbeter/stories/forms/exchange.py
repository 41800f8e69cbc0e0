"""Importing stories from a CSV file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CsvImportForm(forms.Form):
    upload = forms.FileField(
        label=_("CSV file"),
        help_text=_("Separated by semicolons, with a header row; see the columns below."),
        error_messages={"required": _("Choose a CSV file.")},
    )
    moderated = forms.BooleanField(
        label=_("These stories were already moderated elsewhere: approve them directly."),
        required=False,
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
