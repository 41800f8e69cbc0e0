"""Moderating a story: edits to its headline and text, and the note or reason for rejecting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ModerationForm(forms.Form):
    title = forms.CharField(label=_("Headline"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Story"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    reason = forms.CharField(
        label=_("Note, or reason for rejecting"),
        help_text=_("Required when you reject: the reason is kept with the story."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
