"""Forms for Wat werkt, with Dutch messages through the catalogue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.forms import DateInput
from elkedagbeter.cases.models import Case
from elkedagbeter.indicators.links import statements_field, zero_goals_field
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES
from elkedagbeter.organisations.models import Municipality, Region

from .links import example_links
from .models import (
    INDICATOR_CHOICES,
    CatalogueItem,
    EvidenceLevel,
    GoodExample,
    ImprovementInitiative,
    ParticipantRole,
    ReflectionSession,
    Theme,
)

_MANY = forms.CheckboxSelectMultiple


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, target group or problem area"), required=False)
    bewijskracht = forms.ChoiceField(
        label=_("Evidence level"),
        required=False,
        choices=[("", _("Every level")), *EvidenceLevel.choices],
    )


class ExampleForm(forms.ModelForm):  # type: ignore[type-arg]
    themes = forms.MultipleChoiceField(
        label=_("Themes of the support agenda"),
        choices=Theme.choices,
        widget=_MANY,
        error_messages={"required": _("Choose at least one theme.")},
    )
    zero_goals = forms.MultipleChoiceField(
        label=_("Zero goals it helps"), choices=ZERO_GOAL_CHOICES, widget=_MANY, required=False
    )
    statements = statements_field()
    interventions = forms.ModelMultipleChoiceField(
        label=_("Interventions from the catalogue"),
        queryset=CatalogueItem.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )

    class Meta:
        model = GoodExample
        fields = ["title", "what", "for_whom", "achieved", "contact_role", "region", "municipality"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 5}),
            "achieved": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "what": _("Names and places are removed automatically before it is shown."),
        }

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        municipality = self.fields["municipality"]
        assert isinstance(region, forms.ModelChoiceField)
        assert isinstance(municipality, forms.ModelChoiceField)
        region.queryset = regions
        region.empty_label = None
        municipality.queryset = Municipality.objects.filter(region__in=regions)
        if self.instance.pk:
            self.initial.setdefault("themes", self.instance.theme_codes)
            self.initial.setdefault("zero_goals", self.instance.zero_goal_codes)
            self.initial.setdefault("statements", example_links(self.instance).statement_codes)
            self.initial.setdefault("interventions", list(self.instance.interventions.all()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        municipality = data.get("municipality")
        region = data.get("region")
        if municipality and region and municipality.region_id != region.pk:
            self.add_error("municipality", _("This municipality is not in the chosen region."))
        return data


class SessionForm(forms.ModelForm):  # type: ignore[type-arg]
    participant_roles = forms.MultipleChoiceField(
        label=_("Who took part (roles)"),
        choices=ParticipantRole.choices,
        widget=_MANY,
        error_messages={"required": _("Choose at least one role.")},
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases discussed"),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Only the team's own cases; hold Ctrl (or Cmd) to choose more than one."),
    )
    zero_goals = zero_goals_field()
    statements = statements_field()

    class Meta:
        model = ReflectionSession
        fields = ["held_on", "participant_roles", "cases", "stories", "learned", "will_change"]
        widgets = {
            "held_on": DateInput(),
            "stories": forms.Textarea(attrs={"rows": 3}),
            "learned": forms.Textarea(attrs={"rows": 4}),
            "will_change": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "learned": _("Names and places are removed automatically before it is stored."),
        }

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = cases
        field.label_from_instance = lambda case: case.reference  # type: ignore[method-assign,assignment]

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session cannot lie in the future."))
        return held_on


class ShareForm(forms.Form):
    lesson = forms.CharField(
        label=_("Lesson for the municipality"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Names and places are removed automatically before it is shared."),
        error_messages={"required": _("Write the lesson you want to share.")},
    )


class InitiativeForm(forms.ModelForm):  # type: ignore[type-arg]
    also_zero_goals = zero_goals_field(label=_("Other zero goals it works towards"))
    statements = statements_field()

    class Meta:
        model = ImprovementInitiative
        fields = ["title", "question", "region", "zero_goal", "indicator"]
        widgets = {"question": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "question": _(
                "Start from the question, not from a solution: what is going on, for whom, "
                "and how do we know?"
            ),
        }

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ModelChoiceField)
        region.queryset = regions
        region.empty_label = None
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ChoiceField)
        indicator.required = False
        indicator.choices = [("", _("The zero goal's own indicator")), *INDICATOR_CHOICES]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("indicator"):
            if data.get("zero_goal"):
                data["indicator"] = ZERO_GOALS[data["zero_goal"]].indicator
            else:
                self.add_error("indicator", _("Choose the indicator, or a zero goal."))
        return data


class AdvanceForm(forms.Form):
    # Shown on the initiative's page before anything is typed: not red from the start.
    use_required_attribute = False

    evidence = forms.CharField(
        label=_("Evidence of this stage"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe what this stage found or did.")},
    )
    indicator = forms.ChoiceField(
        label=_("Indicator this stage means to move"), choices=INDICATOR_CHOICES
    )


class NextRoundForm(forms.Form):
    use_required_attribute = False

    question = forms.CharField(
        label=_("The new question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the new question.")},
    )
    title = forms.CharField(label=_("Title of the next round"), max_length=200, required=False)


class StepBackForm(forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("What was learned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this stage came too early, and what the stage before must look at again."),
        error_messages={"required": _("Say what was learned that makes you step back.")},
    )
