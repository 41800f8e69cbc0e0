"""Forms: telling and signifying a story (built from the framework), moderation, filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.parameters import plausible_date_validators
from elkedagbeter.organisations.models import Municipality, Region

from .actions import Telling
from .models import SCALE, Audience, NarratorRole, Pattern, Signifier, SignifierKind
from .signification import AnswerValue, shares_from_points

MONTHS = [
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
]
FIRST_YEAR = 2000


class RangeInput(forms.NumberInput):
    input_type = "range"


@dataclass(frozen=True)
class SignifierBlock:
    """The form fields of one signifier, for the template."""

    signifier: Signifier
    fields: list[forms.BoundField]
    not_applicable: forms.BoundField | None
    errors: list[str]


class StoryForm(forms.Form):
    title = forms.CharField(
        label=_("Headline"),
        help_text=_(
            "A short title in your own words, for example: “Eindelijk iemand die luisterde”."
        ),
        max_length=200,
        error_messages={"required": _("Give your story a headline.")},
    )
    text = forms.CharField(
        label=_("Your story"),
        help_text=_(
            "What happened? Tell it as you would tell a friend. Leave out names: we remove names, "
            "places, dates and numbers anyway before anyone reads it."
        ),
        min_length=30,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Tell your story here."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _("Keep your story shorter than %(limit_value)d characters."),
        },
    )
    narrator_role = forms.ChoiceField(
        label=_("Who are you?"),
        choices=NarratorRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who you are: parent, young person, or another role.")
        },
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        help_text=_("Where did it happen? Not in the story itself: we remove place names there."),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("I would rather not say"),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year it happened"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("I don't know"))] + [(i + 1, m) for i, m in enumerate(MONTHS)],
        error_messages={"invalid_choice": _("Choose a month from the list.")},
    )
    consent_publication = forms.BooleanField(
        label=_("My story may be published on this website (without names or places)."),
        required=False,
    )
    consent_learning = forms.BooleanField(
        label=_("My story may be used by teams and municipalities to learn from."),
        required=False,
    )
    # Honeypot: hidden from people (and screen readers); bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(
        self,
        *args: Any,
        signifiers: list[Signifier],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        # No "required" in the HTML: browsers would mark empty fields red before anything is typed.
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.signifiers = signifiers
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = municipalities.select_related("region")
        this_year = timezone.localdate().year
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", _("I don't know"))] + [
            (y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)
        ]
        for signifier in signifiers:
            self._add_signifier(signifier)

    def _add_signifier(self, s: Signifier) -> None:
        prefix = f"s{s.pk}"
        if s.kind == SignifierKind.TRIAD:
            for index, corner in enumerate(s.labels[:3]):
                self.fields[f"{prefix}_{index}"] = forms.IntegerField(
                    label=corner,
                    required=False,
                    min_value=0,
                    max_value=100,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "edb-points"}),
                    error_messages={
                        "invalid": _("Fill in a whole number from 0 to 100."),
                        "min_value": _("Fill in a whole number from 0 to 100."),
                        "max_value": _("Fill in a whole number from 0 to 100."),
                    },
                )
        elif s.kind == SignifierKind.DYAD:
            self.fields[prefix] = forms.IntegerField(
                label=f"{s.labels[0]} - {s.labels[1]}",
                required=False,
                min_value=0,
                max_value=100,
                initial=50,
                widget=RangeInput(attrs={"min": 0, "max": 100, "step": 1}),
            )
            self.fields[f"{prefix}_touched"] = forms.CharField(
                required=False, widget=forms.HiddenInput(attrs={"class": "edb-touched"})
            )
        elif s.kind == SignifierKind.MULTIPLE_CHOICE:
            choices = list(enumerate(s.labels))
            self.fields[prefix] = (
                forms.TypedMultipleChoiceField(
                    label=s.prompt,
                    required=False,
                    coerce=int,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                )
                if s.multiple
                else forms.TypedChoiceField(
                    label=s.prompt,
                    required=False,
                    coerce=int,
                    choices=choices,
                    empty_value=None,
                    widget=forms.RadioSelect,
                )
            )
        else:
            self.fields[prefix] = forms.CharField(
                label=s.prompt,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if s.allow_na and s.kind in {SignifierKind.TRIAD, SignifierKind.DYAD}:
            self.fields[f"{prefix}_nvt"] = forms.BooleanField(
                label=_("Not applicable"), required=False
            )

    # --- rendering -------------------------------------------------------------------------------

    def main_fields(self) -> list[forms.BoundField]:
        names = ["title", "text", "narrator_role", "municipality", "year", "month"]
        return [self[name] for name in names]

    def signifier_blocks(self) -> list[SignifierBlock]:
        blocks = []
        for s in self.signifiers:
            prefix = f"s{s.pk}"
            names = [n for n in self.fields if n == prefix or n.startswith(prefix + "_")]
            fields = [self[n] for n in names if not n.endswith(("_nvt", "_touched"))]
            na = self[f"{prefix}_nvt"] if f"{prefix}_nvt" in self.fields else None
            errors = [str(e) for n in names for e in self[n].errors]
            blocks.append(SignifierBlock(s, fields, na, errors))
        return blocks

    # --- validation ------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("month") and not data.get("year"):
            self.add_error("year", _("Choose the year too, or leave the month empty."))
        for s in self.signifiers:
            if s.kind == SignifierKind.TRIAD:
                self._check_triad(s, data)
        return data

    def _check_triad(self, s: Signifier, data: dict[str, Any]) -> None:
        prefix = f"s{s.pk}"
        points = [data.get(f"{prefix}_{i}") for i in range(3)]
        if data.get(f"{prefix}_nvt") or all(p is None for p in points):
            return
        if any(p is None for p in points) or sum(p or 0 for p in points) != 100:
            given = sum(p or 0 for p in points)
            self.add_error(
                f"{prefix}_0",
                _("The three numbers for “%(prompt)s” must add up to 100; now they make %(sum)d.")
                % {"prompt": s.prompt, "sum": given},
            )

    def answers(self) -> dict[int, AnswerValue]:
        data = self.cleaned_data
        answers: dict[int, AnswerValue] = {}
        for s in self.signifiers:
            prefix = f"s{s.pk}"
            if data.get(f"{prefix}_nvt"):
                answers[s.pk] = AnswerValue(not_applicable=True)
            elif s.kind == SignifierKind.TRIAD:
                points = [data.get(f"{prefix}_{i}") for i in range(3)]
                if all(p is not None for p in points):
                    answers[s.pk] = AnswerValue(shares=shares_from_points([p or 0 for p in points]))
            elif s.kind == SignifierKind.DYAD:
                # With the script, an untouched slider is no answer; without it, the value sent.
                untouched = data.get(f"{prefix}_touched") == "0"
                if data.get(prefix) is not None and not untouched:
                    answers[s.pk] = AnswerValue(position=data[prefix] * SCALE // 100)
            elif s.kind == SignifierKind.MULTIPLE_CHOICE:
                value = data.get(prefix)
                chosen = value if isinstance(value, list) else ([] if value is None else [value])
                if chosen:
                    answers[s.pk] = AnswerValue(choices=[int(c) for c in chosen])
            elif data.get(prefix, "").strip():
                answers[s.pk] = AnswerValue(text=data[prefix])
        return answers

    def telling(self) -> Telling:
        data = self.cleaned_data
        year, month = data.get("year"), data.get("month")
        return Telling(
            title=data["title"],
            text=data["text"],
            narrator_role=data["narrator_role"],
            municipality=data.get("municipality"),
            happened_on=date(year, month or 1, 1) if year else None,
            month_known=bool(month),
            consent_publication=data["consent_publication"],
            consent_learning=data["consent_learning"],
            answers=self.answers(),
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class WithdrawForm(forms.Form):
    code = forms.CharField(
        label=_("Withdrawal code"),
        help_text=_("The code you got after sharing your story, for example ABCD-EFGH-JKLM."),
        max_length=40,
        error_messages={"required": _("Fill in the code you got after sharing your story.")},
    )


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


class StoryFilterForm(forms.Form):
    """Which stories a view shows. Also used with a prefix for the second group to compare."""

    rol = forms.ChoiceField(
        label=_("Told by"), required=False, choices=[("", _("Everyone")), *NarratorRole.choices]
    )
    regio = forms.ModelChoiceField(
        label=_("Youth region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("All regions"),
    )
    patroon = forms.ModelChoiceField(
        label=_("Pattern"),
        queryset=Pattern.objects.none(),
        required=False,
        empty_label=_("All patterns"),
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date as 2026-01-31.")},
        validators=plausible_date_validators(),
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date as 2026-01-31.")},
        validators=plausible_date_validators(),
    )

    def __init__(
        self, *args: Any, regions: QuerySet[Region], patterns: QuerySet[Pattern], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["regio"]
        pattern = self.fields["patroon"]
        assert isinstance(region, forms.ModelChoiceField)
        assert isinstance(pattern, forms.ModelChoiceField)
        region.queryset = regions
        pattern.queryset = patterns

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("The end date lies before the start date."))
        return data


class PatternForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Pattern
        fields = ["name", "description", "status", "more_like_this", "fewer_like_that"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "more_like_this": forms.Textarea(attrs={"rows": 3}),
            "fewer_like_that": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for audience in Audience:
            self.fields[f"tip_{audience.value}"] = forms.CharField(
                label=_("Tip for %(audience)s") % {"audience": str(audience.label).lower()},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if self.instance.pk:
                tip = self.instance.tips.filter(audience=audience).first()
                self.fields[f"tip_{audience.value}"].initial = tip.text if tip else ""

    def tips(self) -> dict[str, str]:
        return {a.value: self.cleaned_data.get(f"tip_{a.value}", "") for a in Audience}


class NewPatternForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the pattern"),
        max_length=120,
        error_messages={"required": _("Give the pattern a name.")},
    )


class MergeForm(forms.Form):
    pattern = forms.ModelChoiceField(
        label=_("Add these stories to the pattern"),
        queryset=Pattern.objects.none(),
        error_messages={"required": _("Choose the pattern to merge into.")},
    )

    def __init__(self, *args: Any, patterns: QuerySet[Pattern], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pattern"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = patterns


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
