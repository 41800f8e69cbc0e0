"""The expert team's own pages: opening and preparing a round, its checklist, the population
from a file, drawing the sample, closing and sharing, conclusions and lessons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.accounts.models import User
from elkedagbeter.cases import imports as case_imports
from elkedagbeter.cases.imports import ImportMode, RowReport
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import expert_team_ids, has_role

from .. import actions, imports
from ..findings import build
from ..forms import ConclusionForm, DossierImportForm, ItemForm, LessonForm, RoundForm
from ..models import ItemKind, Population, ReviewRound
from ..selectors import (
    View,
    active_consents,
    consent_requests_for,
    dossiers_of,
    population,
    rounds_of_own_teams,
    shared_rounds_visible_to,
    team_round,
)

ROUND_ROLES = (Role.EXPERT, Role.COORDINATOR, Role.ANALYST, Role.VIEWER)
_IMPORT_SESSION_KEY = "edb_pending_dossier_import"


@role_required(*ROUND_ROLES)
def round_list(request: HttpRequest) -> HttpResponse:
    context = {
        "own": rounds_of_own_teams(request.user),
        "consent_requests": consent_requests_for(request.user),
        "shared": shared_rounds_visible_to(request.user),
        "is_expert": bool(expert_team_ids(request.user)),
        "can_compare": has_role(request.user, Role.EXPERT, Role.ANALYST, Role.VIEWER),
    }
    return render(request, "reviews/round_list.html", context)


def _form(request: HttpRequest, instance: ReviewRound | None = None) -> RoundForm:
    teams = Team.objects.filter(pk__in=expert_team_ids(request.user))
    colleagues = User.objects.filter(
        is_active=True, memberships__role=Role.EXPERT, memberships__team__in=teams
    ).distinct()
    initial: dict[str, Any] = {}
    if instance is None:
        initial = {"reviewers": [request.user.pk], "seed": actions.new_seed()}
    return RoundForm(
        request.POST or None,
        instance=instance,
        teams=teams,
        colleagues=colleagues.order_by("first_name", "username"),
        initial=initial,
    )


def _fields(form: RoundForm) -> dict[str, Any]:
    skip = {"expert_team", "reviewers"}
    return {name: value for name, value in form.cleaned_data.items() if name not in skip}


@role_required(Role.EXPERT)
def round_new(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        round_ = actions.create_round(
            request,
            expert_team=form.cleaned_data["expert_team"],
            fields=_fields(form),
            reviewers=form.cleaned_data["reviewers"],
        )
        messages.success(request, _("The round is opened with the default checklist."))
        return redirect("reviews:detail", pk=round_.pk)
    return render(request, "reviews/round_form.html", {"form": form})


@role_required(Role.EXPERT)
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    if not round_.is_preparing:
        return redirect("reviews:detail", pk=pk)
    form = _form(request, round_)
    if request.method == "POST" and form.is_valid():
        actions.update_round(
            request, round_, fields=_fields(form), reviewers=form.cleaned_data["reviewers"]
        )
        messages.success(request, _("The round is saved."))
        return redirect("reviews:detail", pk=pk)
    return render(request, "reviews/round_form.html", {"form": form, "round": round_})


@role_required(Role.EXPERT)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    context: dict[str, Any] = {
        "round": round_,
        "Population": Population,
        "items": list(round_.items.select_related("part_of")),
        "reviewers": list(round_.reviewers.order_by("first_name", "username")),
        "consents": list(active_consents(round_)),
        "conclusions": list(round_.conclusions.prefetch_related("zero_goals", "statements")),
        "lessons": list(round_.lessons.prefetch_related("zero_goals", "statements")),
    }
    if round_.is_preparing:
        context["population_size"] = len(population(round_))
        context["imported_count"] = round_.imported_dossiers.count()
    else:
        findings = build(round_, View.FULL)
        context["open_work"] = findings.open_work
        dossiers = list(dossiers_of(round_))
        context["dossiers"] = dossiers
        context["complete"] = {
            d.pk for d in dossiers if all(review.is_submitted for review in d.reviews.all())
        }
        context["reproduces"] = actions.sample_reproduces(round_)
    return render(request, "reviews/round_detail.html", context)


@role_required(Role.EXPERT)
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    form = ItemForm(request.POST or None, round_=round_)
    if request.method == "POST" and round_.is_preparing:
        try:
            if request.POST.get("remove"):
                item = get_object_or_404(round_.items, pk=request.POST["remove"])
                actions.remove_item(request, round_, item)
                messages.success(request, _("The item is removed from the checklist."))
                return redirect("reviews:checklist", pk=pk)
            if form.is_valid():
                actions.add_item(
                    request,
                    round_,
                    question=form.cleaned_data["question"],
                    kind=ItemKind(form.cleaned_data["kind"]),
                    help_text=form.cleaned_data["help_text"],
                    part_of=form.cleaned_data["part_of"],
                )
                messages.success(request, _("The item is added to the checklist."))
                return redirect("reviews:checklist", pk=pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    items = list(round_.items.select_related("part_of"))
    return render(
        request, "reviews/checklist.html", {"round": round_, "items": items, "form": form}
    )


@role_required(Role.EXPERT)
def dossier_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → every row checked → confirm → all rows, none, or the good ones written."""
    round_, _membership = team_round(request.user, pk)
    if not round_.is_preparing or round_.population != Population.IMPORTED:
        return redirect("reviews:detail", pk=pk)
    pending = request.session.get(_IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and pending:
        del request.session[_IMPORT_SESSION_KEY]
        if pending["round"] == round_.pk:
            done = actions.import_dossiers(
                request, round_, pending["rows"], mode=ImportMode(pending["mode"]), commit=True
            )
            context = {"round": round_, "form": DossierImportForm(), "report": done}
            context.update({"done": True, "columns": imports.REQUIRED + imports.OPTIONAL})
            return render(request, "reviews/dossier_import.html", context)
    form = DossierImportForm(request.POST or None, request.FILES or None)
    report: RowReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            rows = case_imports.read_rows(upload, upload.name)
        except case_imports.RowError as error:
            form.add_error("upload", error.message)
        else:
            mode = ImportMode(form.cleaned_data["mode"])
            report = actions.import_dossiers(request, round_, rows, mode=mode, commit=False)
            if report.good_rows:
                request.session[_IMPORT_SESSION_KEY] = {
                    "round": round_.pk,
                    "rows": rows,
                    "mode": mode.value,
                }
    context = {
        "round": round_,
        "form": form,
        "report": report,
        "columns": imports.REQUIRED + imports.OPTIONAL,
    }
    return render(request, "reviews/dossier_import.html", context)


def _attempt(request: HttpRequest, action: Any, success: str) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@role_required(Role.EXPERT)
@require_POST
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    _attempt(
        request,
        lambda: actions.draw_sample(request, round_),
        _("The sample is drawn; the reviewers can start."),
    )
    return redirect("reviews:detail", pk=pk)


@role_required(Role.EXPERT)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    open_work = build(round_, View.FULL).open_work
    _attempt(
        request,
        lambda: actions.close_round(request, round_, open_work=open_work),
        _("The round is closed."),
    )
    return redirect("reviews:detail", pk=pk)


@role_required(Role.EXPERT)
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    shared = request.POST.get("shared") == "1"
    _attempt(
        request,
        lambda: actions.set_shared(request, round_, shared=shared),
        _("The findings are shared, with small numbers hidden.")
        if shared
        else _("The findings are no longer shared."),
    )
    return redirect("reviews:detail", pk=pk)


@role_required(Role.EXPERT)
def conclusion_new(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_conclusion(request, round_, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conclusion is added."))
            return redirect("reviews:detail", pk=pk)
    context = {"round": round_, "form": form, "title": _("Add a conclusion")}
    return render(request, "reviews/round_part_form.html", context)


@role_required(Role.EXPERT)
def lesson_new(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _membership = team_round(request.user, pk)
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_lesson(request, round_, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The lesson is added."))
            return redirect("reviews:detail", pk=pk)
    context = {"round": round_, "form": form, "title": _("Add a lesson")}
    return render(request, "reviews/round_part_form.html", context)
