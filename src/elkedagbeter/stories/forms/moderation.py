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


KIND_CHOICES = [
    ("persoon", _("Name of a person")),
    ("adres", _("Street or address")),
    ("locatie", _("Place, village or neighbourhood")),
    ("instelling", _("School or institution")),
    ("datum", _("Date")),
    ("telefoonnummer", _("Phone number")),
    ("emailadres", _("E-mail address")),
    ("account", _("Social-media account")),
    ("nummer", _("Case, client or other number")),
    ("kenteken", _("Licence plate")),
    ("url", _("Website address")),
]


class ManualReplacementForm(forms.Form):
    """Words the de-identifier missed, to be replaced everywhere in the story by a tag."""

    words = forms.CharField(
        label=_("Words to replace"),
        help_text=_("As they stand in the text; every occurrence is replaced."),
        max_length=200,
    )
    kind = forms.ChoiceField(label=_("What is it"), choices=KIND_CHOICES)
