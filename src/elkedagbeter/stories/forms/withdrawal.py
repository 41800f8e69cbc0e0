"""Withdrawing a story with the code its teller got after sharing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class WithdrawForm(forms.Form):
    code = forms.CharField(
        label=_("Withdrawal code"),
        help_text=_("The code you got after sharing your story, for example ABCD-EFGH-JKLM."),
        max_length=40,
        error_messages={"required": _("Fill in the code you got after sharing your story.")},
    )
