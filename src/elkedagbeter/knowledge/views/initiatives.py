"""Improvement initiatives walking the ontwikkelcirkel. Every signed-in user reads them;
coordinators, expert teams and analysts start and move them in their own region."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.core.permissions import role_required
from elkedagbeter.indicators.decision_forms import DecisionForm
from elkedagbeter.indicators.registry import BY_CODE as INDICATORS
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.indicators.zero_goals import ZERO_GOALS as ALL_ZERO_GOALS

from .. import actions, selectors
from ..decisions import decision_form, round_effects
from ..forms import AdvanceForm, InitiativeForm, NextRoundForm, StepBackForm
from ..links import initiative_links
from ..models import ImprovementInitiative, Stage


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    zero_goal = request.GET.get("nuldoel", "")
    stage = request.GET.get("fase", "")
    zero_goal = zero_goal if zero_goal in ZERO_GOALS else ""
    stage = stage if stage in Stage.values else ""
    found = selectors.initiatives(zero_goal=zero_goal, stage=stage)
    context = {
        "page_obj": Paginator(found, 20).get_page(request.GET.get("page")),
        "zero_goals": ALL_ZERO_GOALS,
        "stages": Stage.choices,
        "zero_goal": zero_goal,
        "stage": stage,
        "can_start": selectors.initiative_regions(request.user).exists(),
    }
    return render(request, "knowledge/initiative_list.html", context)


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(
        ImprovementInitiative.objects.select_related("region", "team", "follows"), pk=pk
    )
    return _detail(request, initiative)


def _detail(
    request: HttpRequest,
    initiative: ImprovementInitiative,
    *,
    next_form: NextRoundForm | None = None,
    decision: DecisionForm | None = None,
    back_form: StepBackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    records = {record.stage: record for record in initiative.records.all()}  # the newest wins
    stages = [(stage, records.get(stage.value)) for stage in Stage]
    may_move = selectors.may_move(request.user, initiative)
    following = initiative.current_stage.following
    can_start_round = may_move and following is None and not initiative.followed_by.exists()
    # Steps forward and back, oldest first: the round's own history.
    history = sorted(
        [
            *((r.recorded_at, r) for r in initiative.records.select_related("recorded_by")),
            *((s.stepped_at, s) for s in initiative.steps_back.select_related("stepped_by")),
        ],
        key=lambda pair: pair[0],
    )
    context = {
        "initiative": initiative,
        "stages": stages,
        "current": initiative.current_stage,
        "following": following,
        "indicator": INDICATORS.get(initiative.indicator),
        "zero_goal": ZERO_GOALS.get(initiative.zero_goal),
        "followed_by": initiative.followed_by.first(),
        "links": initiative_links(initiative),
        "may_move": may_move,
        "advance_form": AdvanceForm(initial={"indicator": initiative.indicator})
        if may_move and following
        else None,
        "next_form": (next_form or NextRoundForm()) if can_start_round else None,
        "decision_form": (decision or _round_decision(initiative, None))
        if can_start_round
        else None,
        "back_form": (back_form or StepBackForm())
        if may_move and initiative.current_stage.preceding and not initiative.followed_by.exists()
        else None,
        "preceding": initiative.current_stage.preceding,
        "history": [item for _at, item in history],
        "rounds": round_effects(request.user, initiative),
    }
    return render(request, "knowledge/initiative_detail.html", context, status=status)


def _round_decision(initiative: ImprovementInitiative, data: object) -> DecisionForm:
    return decision_form(
        data,
        regions=[initiative.region],
        zero_goal=initiative.zero_goal,
        indicator=initiative.indicator,
        initiative=initiative,
    )


@role_required(*selectors.INITIATIVE_ROLES)
def initiative_new(request: HttpRequest) -> HttpResponse:
    regions = selectors.initiative_regions(request.user)
    initial = {"zero_goal": request.GET.get("nuldoel", "")}
    form = InitiativeForm(request.POST or None, initial=initial, regions=regions)
    data = request.POST or None
    goal = request.POST.get("zero_goal", "") if data else initial["zero_goal"]
    decided = decision_form(data, regions=regions, zero_goal=goal)
    # Both parts are checked, so every mistake shows at once and nothing typed is lost.
    if request.method == "POST" and form.is_valid() & decided.is_valid():
        initiative = form.save(commit=False)
        try:
            initiative = actions.start_initiative(
                request.user,  # type: ignore[arg-type]
                initiative,
                decision=decided.decision(),
                also_zero_goals=form.cleaned_data["also_zero_goals"],
                statements=form.cleaned_data["statements"],
            )
        except ValidationError as error:
            _errors_into(decided, error)
        else:
            messages.success(request, _("The initiative starts at the question."))
            return redirect("knowledge:initiative", pk=initiative.pk)
    title = _("Start an improvement initiative")
    context = {
        "form": form,
        "title": title,
        "extra_form": decided,
        "extra_legend": _("The decision it starts with"),
    }
    return render(request, "knowledge/form.html", context)


def _errors_into(form: DecisionForm, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _movable(request: HttpRequest, pk: int) -> ImprovementInitiative:
    initiative = get_object_or_404(ImprovementInitiative, pk=pk)
    if not selectors.may_move(request.user, initiative):
        raise Http404
    return initiative


@require_POST
@role_required(*selectors.INITIATIVE_ROLES)
def initiative_advance(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _movable(request, pk)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            actions.advance_initiative(
                request.user,  # type: ignore[arg-type]
                initiative,
                evidence=form.cleaned_data["evidence"],
                indicator=form.cleaned_data["indicator"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("On to the next stage: %(stage)s.") % {"stage": initiative.get_stage_display()},
            )
            return redirect("knowledge:initiative", pk=initiative.pk)
    return _form_again(request, initiative, form, _("Record this stage"))


@require_POST
@role_required(*selectors.INITIATIVE_ROLES)
def initiative_next_round(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _movable(request, pk)
    form = NextRoundForm(request.POST)
    decided = _round_decision(initiative, request.POST)
    if form.is_valid() & decided.is_valid():
        try:
            follow_up = actions.start_next_round(
                request.user,  # type: ignore[arg-type]
                initiative,
                question=form.cleaned_data["question"],
                title=form.cleaned_data["title"],
                decision=decided.decision(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                _errors_into(decided, error)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("A new round starts at the new question."))
            return redirect("knowledge:initiative", pk=follow_up.pk)
    if not initiative.finished or initiative.followed_by.exists():
        return _form_again(request, initiative, form, _("Start the next round"))
    return _detail(request, initiative, next_form=form, decision=decided)


@require_POST
@role_required(*selectors.INITIATIVE_ROLES)
def initiative_step_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Back one stage, with what was learned; recorded in the initiative's history."""
    initiative = _movable(request, pk)
    form = StepBackForm(request.POST)
    if form.is_valid():
        try:
            step = actions.step_back(
                request.user,  # type: ignore[arg-type]
                initiative,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Back to the stage: %(stage)s.") % {"stage": step.get_to_stage_display()},
            )
            return redirect("knowledge:initiative", pk=initiative.pk)
    return _form_again(request, initiative, form, _("Step back a stage"))


def _form_again(
    request: HttpRequest, initiative: ImprovementInitiative, form: object, title: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back": ("knowledge:initiative", initiative.pk),
        "action": request.path,
    }
    return render(request, "knowledge/form.html", context)
