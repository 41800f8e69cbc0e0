"""Most Significant Change: panels open a round, read the candidates (with the reasons of the
panels below), choose one story and say why; teams read what was chosen from their stories."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elkedagbeter.accounts.models import User
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Municipality, Region, Role, Team

from .. import msc
from ..models import PanelLevel

PANEL_ROLES = (Role.COORDINATOR, Role.ANALYST)


class RoundForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Panel"), choices=PanelLevel.choices)
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), queryset=Team.objects.none(), required=False
    )
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none(), required=False
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Youth region"), queryset=Region.objects.none(), required=False
    )
    period_start = forms.DateField(
        label=gettext_lazy("Period from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Give the start of the period."),
            "invalid": gettext_lazy("Give a date as 2026-01-31."),
        },
    )
    period_end = forms.DateField(
        label=gettext_lazy("Period to"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Give the end of the period."),
            "invalid": gettext_lazy("Give a date as 2026-01-31."),
        },
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        fields = self.fields
        for name, queryset in (
            ("team", msc.panel_teams(user)),
            ("municipality", msc.panel_municipalities(user)),
            ("region", msc.panel_regions(user)),
        ):
            field = fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        levels = []
        if msc.panel_teams(user).exists():
            levels.append(PanelLevel.TEAM)
        if msc.panel_municipalities(user).exists():
            levels.append(PanelLevel.MUNICIPALITY)
        if msc.panel_regions(user).exists():
            levels.append(PanelLevel.REGION)
        level = fields["level"]
        assert isinstance(level, forms.ChoiceField)
        level.choices = [(lv.value, lv.label) for lv in levels]
        today = date.today()
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        fields["period_start"].initial = quarter_start
        fields["period_end"].initial = today

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        needed = {"team": "team", "gemeente": "municipality", "regio": "region"}
        level = data.get("level")
        if isinstance(level, str) and level in needed and not data.get(needed[level]):
            self.add_error(needed[level], _("Choose where this panel sits."))
        return data


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(*PANEL_ROLES)
def rounds(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = RoundForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = msc.open_round(
                user,
                level=data["level"],
                start=data["period_start"],
                end=data["period_end"],
                team=data.get("team"),
                municipality=data.get("municipality"),
                region=data.get("region"),
            )
        except PermissionDenied:
            form.add_error(None, _("You do not run a panel there."))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("stories:msc_round", round_id=round_.pk)
    context = {"rounds": msc.rounds_for(user)[:50], "form": form}
    return render(request, "stories/msc_rounds.html", context)


@role_required(*PANEL_ROLES)
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    user = _user(request)
    round_ = msc.round_for(user, round_id)
    candidates = msc.candidates(round_).order_by("-submitted_at")[:100]
    error = ""
    if request.method == "POST":
        story = candidates.model.objects.filter(pk=request.POST.get("story") or 0).first()
        if story is None:
            error = _("Choose one of this round's stories.")
        else:
            try:
                msc.select_story(user, round_, story, request.POST.get("reason", ""))
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                messages.success(request, _("Your panel's choice is recorded."))
                return redirect("stories:msc_round", round_id=round_.pk)
    below = msc.reasons_from_below(round_)
    context = {
        "round": round_,
        "candidates": [(story, below.get(story.pk, [])) for story in candidates],
        "error": error,
        "reason": request.POST.get("reason", ""),
        "chosen": request.POST.get("story", ""),
    }
    return render(request, "stories/msc_round.html", context)


@role_required(Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT)
def feedback(request: HttpRequest) -> HttpResponse:
    selections = msc.feedback_for(_user(request))[:100]
    return render(request, "stories/msc_feedback.html", {"selections": selections})
