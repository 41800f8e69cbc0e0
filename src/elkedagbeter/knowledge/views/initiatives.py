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
from elkedagbeter.indicators.registry import BY_CODE as INDICATORS
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.indicators.zero_goals import ZERO_GOALS as ALL_ZERO_GOALS

from .. import actions, selectors
from ..forms import AdvanceForm, InitiativeForm, NextRoundForm
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
    records = {record.stage: record for record in initiative.records.all()}
    stages = [(stage, records.get(stage.value)) for stage in Stage]
    may_move = selectors.may_move(request.user, initiative)
    following = initiative.current_stage.following
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
        "next_form": NextRoundForm()
        if may_move and following is None and not initiative.followed_by.exists()
        else None,
    }
    return render(request, "knowledge/initiative_detail.html", context)


@role_required(*selectors.INITIATIVE_ROLES)
def initiative_new(request: HttpRequest) -> HttpResponse:
    regions = selectors.initiative_regions(request.user)
    initial = {"zero_goal": request.GET.get("nuldoel", "")}
    form = InitiativeForm(request.POST or None, initial=initial, regions=regions)
    if request.method == "POST" and form.is_valid():
        initiative = actions.start_initiative(
            request.user,  # type: ignore[arg-type]
            form.save(commit=False),
            also_zero_goals=form.cleaned_data["also_zero_goals"],
            statements=form.cleaned_data["statements"],
        )
        messages.success(request, _("The initiative starts at the question."))
        return redirect("knowledge:initiative", pk=initiative.pk)
    title = _("Start an improvement initiative")
    return render(request, "knowledge/form.html", {"form": form, "title": title})


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
    if form.is_valid():
        try:
            follow_up = actions.start_next_round(
                request.user,  # type: ignore[arg-type]
                initiative,
                question=form.cleaned_data["question"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("A new round starts at the new question."))
            return redirect("knowledge:initiative", pk=follow_up.pk)
    return _form_again(request, initiative, form, _("Start the next round"))


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
