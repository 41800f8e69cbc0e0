from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region

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
