"""The form part that asks for a decision: what changes, from when, where, and which
indicators it should move. The learning apps (resolving a knelpunt, starting an initiative or a
round) show it beside their own form, with a prefix, and store it with ``record_decision``.

The messages come from ``decisions.problems()``, per field, in Dutch; a missing field gets the
same message ``problems()`` would give.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

from .decisions import DecisionInput, problems
from .registry import INDICATORS

PREFIX = "besluit"


@dataclass(frozen=True)
class DecisionPlace:
    """Where a decision may apply, as a choice: a region, or a municipality or team in it."""

    key: str
    label: str
    region: Region
    municipality: Municipality | None = None
    team: Team | None = None


def places_within(
    region: Region,
    *,
    municipality: Municipality | None = None,
    team: Team | None = None,
) -> list[DecisionPlace]:
    """The places inside an area: the team alone; a municipality and its teams; a region, its
    municipalities and their teams."""
    if team is not None:
        return [DecisionPlace(f"team-{team.pk}", team.name, region, team.municipality, team)]
    found: list[DecisionPlace] = []
    if municipality is None:
        found.append(DecisionPlace(f"regio-{region.pk}", str(region), region))
        municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    else:
        municipalities = [municipality]
    for m in municipalities:
        found.append(DecisionPlace(f"gemeente-{m.pk}", str(_("Municipality %s")) % m, region, m))
        for t in Team.objects.filter(municipality=m).order_by("name"):
            found.append(DecisionPlace(f"team-{t.pk}", f"— {t.name}", region, m, t))
    return found


def default_place_key(
    region: Region, municipality: Municipality | None = None, team: Team | None = None
) -> str:
    if team is not None:
        return f"team-{team.pk}"
    if municipality is not None:
        return f"gemeente-{municipality.pk}"
    return f"regio-{region.pk}"


INDICATOR_CHOICES = [(indicator.code, indicator.name) for indicator in INDICATORS]


class DecisionForm(forms.Form):
    use_required_attribute = False  # shown before anything is typed: not red from the start

    title = forms.CharField(
        label=_("What changes"),
        max_length=200,
        help_text=_("The decision in one sentence: what will be done differently. Without names."),
        error_messages={
            "required": _("Say what changes."),
            "max_length": _("Keep it under %(limit_value)d characters."),
        },
    )
    starts_on = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the change takes effect; the effect is measured from then."),
        error_messages={
            "required": _("Give the day from which it changes."),
            "invalid": _("Give a date, for example 1-3-2026."),
        },
    )
    place = forms.ChoiceField(
        label=_("Where"),
        help_text=_(
            "The area where it changes: the effect is measured there, against comparable areas."
        ),
        error_messages={
            "required": _("Choose where it changes."),
            "invalid_choice": _("Choose one of the places offered."),
        },
    )
    indicator_codes = forms.MultipleChoiceField(
        label=_("Indicators it should move"),
        choices=INDICATOR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one indicator it should move."),
            "invalid_choice": _("Unknown indicator or zero goal."),
        },
    )

    def __init__(
        self,
        *args: Any,
        places: Sequence[DecisionPlace],
        default_place: str = "",
        indicators: Iterable[str] = (),
        zero_goal_codes: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.places = {place.key: place for place in places}
        self.zero_goal_codes = tuple(zero_goal_codes)
        field = self.fields["place"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(place.key, place.label) for place in places]
        field.initial = (
            default_place if default_place in self.places else next(iter(self.places), "")
        )
        if len(places) == 1:
            field.widget = forms.HiddenInput()
        self.fields["indicator_codes"].initial = list(indicators)
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        place = self.places[data["place"]]
        given = DecisionInput(
            title=data["title"],
            starts_on=data["starts_on"],
            region=place.region,
            municipality=place.municipality,
            team=place.team,
            indicator_codes=tuple(data["indicator_codes"]),
            zero_goal_codes=self.zero_goal_codes,
        )
        for problem in problems(given):
            field = problem.field if problem.field in self.fields else "place"
            self.add_error(field, str(problem))
        data["decision"] = given
        return data

    @staticmethod
    def typed(data: Any, prefix: str = PREFIX) -> dict[str, Any]:
        """What was typed in a submitted form, to show again unchecked (when another step than
        the one that needs a decision was chosen): nothing typed is lost."""
        if not data:
            return {}
        typed: dict[str, Any] = {
            name: data.get(f"{prefix}-{name}", "") for name in ("title", "starts_on", "place")
        }
        typed["indicator_codes"] = data.getlist(f"{prefix}-indicator_codes")
        return {name: value for name, value in typed.items() if value}

    def decision(self) -> DecisionInput:
        """The decision typed, once the form is valid."""
        given = self.cleaned_data["decision"]
        assert isinstance(given, DecisionInput)
        return given

    def chosen_place(self) -> DecisionPlace | None:
        key = self.data.get(self.add_prefix("place")) if self.is_bound else None
        return self.places.get(str(key or ""))
