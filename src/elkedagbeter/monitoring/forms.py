"""The monitoring form: a score per open goal, safety, plan fit, the family's verdict, a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.forms import DateInput
from elkedagbeter.cases.models import Goal

from .models import MonitoringMoment, PlanFit

HEARD_CHOICES = [(n, str(n)) for n in range(1, 6)]


class MomentForm(forms.ModelForm):  # type: ignore[type-arg]
    heard = forms.TypedChoiceField(
        label=_("Do you feel heard? (the family's answer, 1 = not at all, 5 = completely)"),
        choices=HEARD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    plan_fits = forms.ChoiceField(
        label=_("Does the plan still fit?"), choices=PlanFit.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = MonitoringMoment
        fields = ["recorded_on", "scale", "safety", "plan_fits", "heard", "note"]
        widgets = {
            "recorded_on": DateInput(),
            "safety": forms.NumberInput(attrs={"min": 1, "max": 10}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "note": _("Names and places are removed automatically before the note is stored."),
        }

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.fields["recorded_on"].initial = timezone.localdate()
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.IntegerField(
                label=goal.text,
                widget=forms.NumberInput(attrs={"min": -2, "max": 10}),
                error_messages={"required": _("Give a score for this desired result.")},
            )
        self.order_fields(
            [f"goal_{goal.pk}" for goal in goals] + ["safety", "plan_fits", "heard", "note"]
        )

    def scores(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}
