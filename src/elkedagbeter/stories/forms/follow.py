"""Following a story with the receipt code its teller got after sharing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    code = forms.CharField(
        label=_("Follow code"),
        help_text=_(
            "The follow code you got after sharing your story, for example ABCD-EFGH-JKLM."
        ),
        max_length=40,
        error_messages={"required": _("Fill in the follow code you got after sharing your story.")},
    )
