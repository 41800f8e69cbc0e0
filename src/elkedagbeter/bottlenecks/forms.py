"""Bottleneck forms, with Dutch messages that name the field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import AgeBand
from elkedagbeter.indicators.links import statements_field, zero_goals_field
from elkedagbeter.organisations.models import Municipality, Region, Team

from .models import TEXT_REQUIRED, Category, Level, ResponsibleBody, Status


@dataclass(frozen=True)
class Place:
    """Where a bottleneck is raised from: a team, or for analysts a municipality or region."""

    key: str
    label: str
    region: Region
    municipality: Municipality | None = None
    team: Team | None = None


class RaiseForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of bottleneck?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of bottleneck.")},
    )
    title = forms.CharField(
        label=_("The bottleneck in one sentence"),
        max_length=160,
        help_text=_(
            "What blocks the obvious solution? Write no names: names, places and dates are "
            "removed automatically."
        ),
        error_messages={
            "required": _("Describe the bottleneck in one sentence."),
            "max_length": _("Keep the sentence under %(limit_value)d characters."),
        },
    )
    description = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened, what was tried, what would help. Without names."),
        error_messages={"max_length": _("Keep the explanation under %(limit_value)d characters.")},
    )
    place = forms.ChoiceField(
        label=_("Raised from"),
        error_messages={
            "required": _("Choose where you raise it from."),
            "invalid_choice": _("Choose one of your own teams or areas."),
        },
    )
    level = forms.ChoiceField(
        label=_("Where can it be solved?"),
        required=False,
        choices=[("", _("I don't know: let the routing decide")), *Level.choices],
    )
    age_band = forms.ChoiceField(
        label=_("Age of the youth concerned"),
        required=False,
        choices=[("", _("Not relevant")), *AgeBand.choices],
    )
    zero_goals = zero_goals_field()
    statements = statements_field()
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    pattern = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, places: list[Place], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {place.key: place for place in places}
        field = self.fields["place"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(place.key, place.label) for place in places]
        if len(places) == 1:
            field.initial = places[0].key
            field.widget = forms.HiddenInput()

    def chosen_place(self) -> Place:
        return self.places[self.cleaned_data["place"]]


class MoveForm(forms.Form):
    use_required_attribute = False
    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the next step."),
            "invalid_choice": _("This step is not possible now."),
        },
    )
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when you solve, close, escalate or reopen: what was done, why not, why "
            "higher up, or why again."
        ),
        error_messages={"max_length": _("Keep the explanation under %(limit_value)d characters.")},
    )

    def __init__(self, *args: Any, moves: list[Status], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(move.value, MOVE_LABELS[move]) for move in moves]

    def clean(self) -> dict[str, Any]:
        # Checked here too (the action checks it again), so it shows beside the decision's errors.
        data = super().clean() or {}
        if data.get("status") in TEXT_REQUIRED and not data.get("text", "").strip():
            self.add_error("text", _("Explain this step; others read it on the bottleneck."))
        return data


MOVE_LABELS = {
    Status.IN_PROGRESS: _("Take it up (in progress)"),
    Status.SOLVED: _("Solved"),
    Status.NOT_SOLVABLE: _("Cannot be solved (give the reason)"),
    Status.ESCALATED: _("Escalate to the next level"),
    Status.REOPENED: _("Reopen"),
    Status.REPORTED: _("Reported"),
}


class CommentForm(forms.Form):
    use_required_attribute = False  # an empty box is not an error before sending
    text = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible to everyone who sees the bottleneck. Without names."),
        error_messages={
            "required": _("Write a comment first."),
            "max_length": _("Keep the comment under %(limit_value)d characters."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The page also holds the status form, whose field is called "text" too: own ids.
        kwargs.setdefault("auto_id", "id_comment_%s")
        super().__init__(*args, **kwargs)


class PublishForm(forms.Form):
    use_required_attribute = False
    summary = forms.CharField(
        label=_("What we have achieved (public text)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the region's public page. Without names."),
        error_messages={
            "required": _("Write what was achieved, for the public page."),
            "max_length": _("Keep the text under %(limit_value)d characters."),
        },
    )


AGE_CHOICES = [
    ("", _("Any age")),
    ("30", _("Older than 30 days")),
    ("90", _("Older than 90 days")),
    ("365", _("Older than a year")),
]


class BoardFilterForm(forms.Form):
    regio = forms.ModelChoiceField(
        label=_("Youth region"), queryset=Region.objects.none(), empty_label=None
    )
    categorie = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    instantie = forms.ModelChoiceField(
        label=_("Responsible body"),
        required=False,
        queryset=ResponsibleBody.objects.none(),
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", _("Open")),
            ("te-laat", _("Open past the deadline")),
            *Status.choices,
        ],
    )
    ouderdom = forms.ChoiceField(label=_("Age"), required=False, choices=AGE_CHOICES)
    zoek = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(
        self,
        *args: Any,
        regions: Any,
        bodies: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["regio"]
        body_field = self.fields["instantie"]
        assert isinstance(region_field, forms.ModelChoiceField)
        assert isinstance(body_field, forms.ModelChoiceField)
        region_field.queryset = regions
        body_field.queryset = bodies
        if regions.count():
            region_field.initial = regions.first()
