"""The public form: telling a story and signifying it, with fields built from the framework."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality

from ..actions import Telling
from ..models import SCALE, NarratorRole, Signifier, SignifierKind
from ..signification import AnswerValue, shares_from_points

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

    def signifier_blocks(self, only: list[Signifier] | None = None) -> list[SignifierBlock]:
        blocks = []
        for s in self.signifiers if only is None else only:
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


# --- Steps: the form in short parts, one page each --------------------------------------------

# How much of a step a signifier takes: a triad or a list of options weighs more than a slider.
_WEIGHT = {
    SignifierKind.TRIAD: 3,
    SignifierKind.MULTIPLE_CHOICE: 3,
    SignifierKind.DYAD: 1,
    SignifierKind.FREE_TEXT: 2,
}
STEP_WEIGHT = 7


@dataclass(frozen=True)
class Step:
    title: str
    names: list[str]  # the form fields this step shows
    signifiers: list[Signifier]


def _signifier_names(form: StoryForm, s: Signifier) -> list[str]:
    prefix = f"s{s.pk}"
    return [n for n in form.fields if n == prefix or n.startswith(prefix + "_")]


def story_steps(form: StoryForm) -> list[Step]:
    """The story, who tells it, the signifiers a few at a time, and what may be done with it."""
    steps = [
        Step(str(_("Your story")), ["title", "text"], []),
        Step(str(_("About you")), ["narrator_role", "municipality", "year", "month"], []),
    ]
    chunk: list[Signifier] = []
    weight = 0
    chunks: list[list[Signifier]] = []
    for s in form.signifiers:
        cost = _WEIGHT.get(SignifierKind(s.kind), 2)
        if chunk and weight + cost > STEP_WEIGHT:
            chunks.append(chunk)
            chunk, weight = [], 0
        chunk.append(s)
        weight += cost
    if chunk:
        chunks.append(chunk)
    for number, signifiers in enumerate(chunks, start=1):
        title = (
            _("What is your story about?")
            if len(chunks) == 1
            else _("What is your story about? (%(number)d of %(count)d)")
            % {"number": number, "count": len(chunks)}
        )
        names = [n for s in signifiers for n in _signifier_names(form, s)]
        steps.append(Step(str(title), names, signifiers))
    steps.append(
        Step(str(_("What may we do with it?")), ["consent_learning", "consent_publication"], [])
    )
    return steps


def first_step_with_errors(form: StoryForm, steps: list[Step]) -> int | None:
    for index, step in enumerate(steps):
        if any(name in form.errors for name in step.names):
            return index
    return None


def quiet(form: StoryForm, keep: list[str] | None = None) -> None:
    """Hide the errors of every field but ``keep``: a step shows only its own problems, and
    only once it was sent."""
    for name in list(form.errors):
        if name not in (keep or []):
            del form.errors[name]
