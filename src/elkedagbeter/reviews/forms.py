from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.models import Category
from elkedagbeter.cases.forms import ImportForm
from elkedagbeter.indicators.links import statements_field, zero_goals_field
from elkedagbeter.organisations.models import Team

from .models import (
    AnswerChoice,
    ChecklistItem,
    ItemKind,
    Population,
    ReviewRound,
)


class ReviewerChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class RoundForm(forms.ModelForm):  # type: ignore[type-arg]
    expert_team = forms.ModelChoiceField(
        label=_("Expert team"),
        queryset=Team.objects.none(),
        error_messages={"required": _("Choose the expert team that runs the round.")},
    )
    reviewers = ReviewerChoiceField(
        label=_("Reviewers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("At least two: every dossier is read by two of them, independently."),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=1,
        max_value=2_000_000_000,
        help_text=_("Leave empty for a new random seed. The same seed draws the same sample."),
    )

    class Meta:
        model = ReviewRound
        fields = [
            "expert_team",
            "title",
            "question",
            "population",
            "only_placed",
            "sample_method",
            "stratum",
            "sample_size",
            "seed",
            "reviewers",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "population": forms.RadioSelect,
            "sample_method": forms.RadioSelect,
            "stratum": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Give the round a title.")},
            "question": {"required": _("Write down the question the round should answer.")},
            "population": {"required": _("Choose where the dossiers come from.")},
            "sample_size": {"required": _("Say how many dossiers the sample should hold.")},
        }

    def __init__(
        self, *args: Any, teams: QuerySet[Team], colleagues: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["expert_team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = teams
        if teams.count() == 1:
            team_field.initial = teams.first()
        if self.instance.pk:
            del self.fields["expert_team"]
        population = self.fields["population"]
        assert isinstance(population, forms.ChoiceField)
        population.choices = Population.choices  # no empty choice among the radio buttons
        reviewers = self.fields["reviewers"]
        assert isinstance(reviewers, forms.ModelMultipleChoiceField)
        reviewers.queryset = colleagues

    def clean_sample_size(self) -> int:
        value = int(self.cleaned_data["sample_size"])
        if not 1 <= value <= 1000:
            raise forms.ValidationError(_("Choose between 1 and 1000 dossiers."))
        return value


class ItemForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=200,
        error_messages={"required": _("Write the question reviewers answer per dossier.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=ItemKind.choices,
        initial=ItemKind.YES_NO,
        widget=forms.RadioSelect,
    )
    help_text = forms.CharField(
        label=_("Explanation for the reviewers"), max_length=300, required=False
    )
    part_of = forms.ModelChoiceField(
        label=_("Counts part of"),
        queryset=ChecklistItem.objects.none(),
        required=False,
        help_text=_("For a number that is part of another number, as 4 of 24 therapies."),
    )

    def __init__(self, *args: Any, round_: ReviewRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        part_of = self.fields["part_of"]
        assert isinstance(part_of, forms.ModelChoiceField)
        part_of.queryset = round_.items.filter(kind=ItemKind.NUMBER)


class DossierImportForm(ImportForm):
    """The cases app's import form without its choice of kind and team."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, teams=Team.objects.none(), **kwargs)
        del self.fields["kind"]
        del self.fields["team"]


class ConsentForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        error_messages={"required": _("Choose the team this is about.")},
    )
    note = forms.CharField(
        label=_("Note for the expert team"),
        max_length=300,
        required=False,
        help_text=_("For example a condition, such as a period or only closed cases."),
    )

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Team.objects.filter(pk__in=[team.pk for team in teams])
        if len(teams) == 1:
            field.initial = teams[0]


def answer_field(item: ChecklistItem, *, label: str = "", required: bool = False) -> forms.Field:
    missing = _("Answer this item before handing in.")
    if item.is_number:
        return forms.IntegerField(
            label=label or item.question,
            help_text=item.help_text,
            required=required,
            min_value=0,
            max_value=999,
            error_messages={
                "required": missing,
                "invalid": _("Give a whole number."),
                "min_value": _("A number cannot be negative."),
                "max_value": _("Give a number below 1000."),
            },
        )
    return forms.ChoiceField(
        label=label or item.question,
        help_text=item.help_text,
        required=required,
        choices=AnswerChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing},
    )


class ReviewForm(forms.Form):
    """One field per checklist item, and the reviewer's observations. Every item must be
    answered to hand in; saving for later takes what there is."""

    def __init__(
        self,
        *args: Any,
        items: list[ChecklistItem],
        initial_note: str = "",
        saving: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = answer_field(item, required=not saving)
        self.fields["note"] = forms.CharField(
            label=_("Observations"),
            required=False,
            max_length=4000,
            initial=initial_note,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("What stands out in this dossier; names and places are removed on saving."),
        )

    def values(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}") for item in self.items}


class ResolveForm(forms.Form):
    note = forms.CharField(label=_("How you resolved it"), max_length=300, required=False)

    def __init__(self, *args: Any, items: list[ChecklistItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            field = answer_field(
                item, label=str(_("Agreed answer: %(question)s")) % {"question": item.question}
            )
            self.fields[f"item_{item.pk}"] = field
        self.order_fields([f"item_{item.pk}" for item in items] + ["note"])


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=_("Conclusion"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the conclusion.")},
        help_text=_("Names and places are removed on saving."),
    )
    raise_bottleneck = forms.BooleanField(
        label=_("Raise this as a bottleneck (systemic barrier)"), required=False
    )
    bottleneck_category = forms.ChoiceField(
        label=_("Bottleneck category"),
        choices=[("", "—"), *Category.choices],
        required=False,
    )
    bottleneck_title = forms.CharField(
        label=_("The bottleneck in one line"), max_length=200, required=False
    )
    zero_goals = zero_goals_field()
    statements = statements_field()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("raise_bottleneck"):
            if not cleaned.get("bottleneck_category"):
                self.add_error(
                    "bottleneck_category", _("Choose a category to raise it as a bottleneck.")
                )
            if not cleaned.get("bottleneck_title", "").strip():
                self.add_error("bottleneck_title", _("Say in one line what the bottleneck is."))
        return cleaned


class LessonForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=160, error_messages={"required": _("Give the lesson a title.")}
    )
    text = forms.CharField(
        label=_("Lesson"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write down what was learned.")},
        help_text=_("Names and places are removed on saving."),
    )
    shareable = forms.BooleanField(
        label=_("Share outside the team"),
        required=False,
        help_text=_("Shared lessons are listed for everyone who works with the platform."),
    )
    zero_goals = zero_goals_field()
    statements = statements_field()
