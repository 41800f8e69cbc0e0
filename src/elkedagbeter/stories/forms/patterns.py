"""Curating patterns: a new pattern, its description and tips, and merging stories into one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.indicators.links import statements_field, zero_goals_field

from ..models import Audience, Pattern
from ..patterns import links_of


class PatternForm(forms.ModelForm):  # type: ignore[type-arg]
    zero_goals = zero_goals_field()
    statements = statements_field()

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
        if self.instance.pk:
            linked = links_of(self.instance)
            self.fields["zero_goals"].initial = linked.zero_goal_codes
            self.fields["statements"].initial = linked.statement_codes
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
