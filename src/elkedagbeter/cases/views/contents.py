"""Adding to and revising a case: household members, goals, involvements, interventions,
events, the explanatory analysis and the support plan; and the case's change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import actions
from ..forms import (
    AnalysisForm,
    EventForm,
    GoalForm,
    InterventionForm,
    InvolvementForm,
    MarkersForm,
    MemberForm,
    PlanForm,
    VersionedForm,
    event_kind,
)
from ..models import AnalysisVersion, Case, Event, EventKind, EventSource, PlanVersion
from ..selectors import CaseGrant
from .access import case_view

# URL part → (form, page title, anchor on the case page)
_PARTS: dict[str, tuple[type[forms.ModelForm[Any]], Any, str]] = {
    "gezinslid": (MemberForm, gettext_lazy("Add a household member"), "gezin"),
    "doel": (GoalForm, gettext_lazy("Add a desired result"), "doelen"),
    "betrokkene": (InvolvementForm, gettext_lazy("Add who is involved"), "betrokkenen"),
    "interventie": (InterventionForm, gettext_lazy("Add an intervention"), "interventies"),
}


def _back(case: Case, anchor: str) -> HttpResponse:
    response = redirect("cases:detail", reference=case.reference)
    response["Location"] += f"#{anchor}"
    return response


def _apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error)


@case_view(write=True)
def case_add(request: HttpRequest, case: Case, grant: CaseGrant, part: str) -> HttpResponse:
    if part not in _PARTS:
        raise Http404
    form_class, title, anchor = _PARTS[part]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if part == "gezinslid":
            actions.add_member(request, case, form.save(commit=False), bsn=form.cleaned_data["bsn"])
        else:
            actions.add_item(request, case, form.save(commit=False))
        if "again" in request.POST:
            messages.success(request, _("Saved. Add the next one below."))
            return redirect("cases:add", reference=case.reference, part=part)
        messages.success(request, _("Saved."))
        return _back(case, anchor)
    context = {"case": case, "form": form, "title": title, "again": True}
    return render(request, "cases/case_form.html", context)


@case_view(write=True)
def case_markers(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    form = MarkersForm(request.POST or None, initial={"markers": case.markers})
    if request.method == "POST" and form.is_valid():
        actions.set_markers(request, case, form.cleaned_data["markers"])
        messages.success(request, _("Saved."))
        return _back(case, "gezin")
    title = _("Triage markers")
    return render(request, "cases/case_form.html", {"case": case, "form": form, "title": title})


@case_view(write=True)
def event_new(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    return _event_form(request, case, Event(case=case))


@case_view(write=True)
def event_edit(request: HttpRequest, case: Case, grant: CaseGrant, event_id: int) -> HttpResponse:
    # Events derived from iJw messages are replaced by every import: not edited by hand.
    return _event_form(
        request,
        case,
        get_object_or_404(Event, case=case, pk=event_id, source=EventSource.REGISTERED),
    )


def _event_form(request: HttpRequest, case: Case, event: Event) -> HttpResponse:
    new = event.pk is None
    kind = event.kind if not new else event_kind(request.GET.get("kind"))
    form = EventForm(request.POST or None, instance=event, case=case, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            if new:
                actions.record_event(request, case, form.instance)
            else:
                changes = {name: form.cleaned_data[name] for name in form.changed_data}
                actions.update_event(request, case, Event.objects.get(pk=event.pk), changes)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The event is on the timeline."))
            return _back(case, "tijdlijn")
    title = _("Add an event") if new else _("Change an event")
    context = {"case": case, "form": form, "title": title, "new": new, "kinds": EventKind.choices}
    return render(request, "cases/event_form.html", context)


@case_view(write=True)
def analysis_revise(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    current = case.analysis_versions.first()
    form = AnalysisForm(request.POST or None, current=current.hypotheses if current else {})

    def save() -> None:
        actions.revise_analysis(
            request,
            case,
            hypotheses=form.hypotheses(),
            reason=form.cleaned_data["reason"],
            based_on=form.cleaned_data["based_on"],
        )

    saved = _("A new version of the explanatory analysis is saved.")
    return _revise(request, case, form, current, save, saved, "analysis")


@case_view(write=True)
def plan_revise(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    current = case.plan_versions.first()
    initial = {"text": current.text} if current else {}
    form = PlanForm(request.POST or None, initial=initial, first=current is None)

    def save() -> None:
        actions.revise_plan(
            request,
            case,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            based_on=form.cleaned_data["based_on"],
        )

    saved = _("A new version of the support plan is saved.")
    return _revise(request, case, form, current, save, saved, "plan")


def _revise(
    request: HttpRequest,
    case: Case,
    form: VersionedForm,
    current: AnalysisVersion | PlanVersion | None,
    save: Callable[[], None],
    saved: str,
    kind: str,
) -> HttpResponse:
    """Show the revision form with the earlier versions, or save a new version."""
    if request.method != "POST":
        form.started_from(current.number if current else 0)
    elif form.is_valid():
        try:
            save()
        except actions.StaleVersion as stale:
            _refuse_stale(form, stale)
        else:
            messages.success(request, saved)
            return _back(case, "plan" if kind == "plan" else "analyse")
    versions = (case.plan_versions if kind == "plan" else case.analysis_versions).select_related(
        "created_by"
    )
    context = {"case": case, "form": form, "versions": versions, "kind": kind}
    return render(request, "cases/case_versions.html", context)


def _refuse_stale(form: VersionedForm, stale: actions.StaleVersion) -> None:
    """Keep what the user typed, say who saved in between, and let a second save go through."""
    latest = stale.latest
    if isinstance(latest, PlanVersion):
        message = _(
            "Someone else saved version %(number)s of the support plan (%(when)s, %(who)s) after "
            "you opened this page. Nothing is overwritten and your text is still below: read the "
            "new version under 'Earlier versions', adapt your text where needed and save again."
        )
    else:
        message = _(
            "Someone else saved version %(number)s of the explanatory analysis (%(when)s, "
            "%(who)s) after you opened this page. Nothing is overwritten and your text is still "
            "below: read the new version under 'Earlier versions', adapt your text where needed "
            "and save again."
        )
    when = date_format(localtime(latest.created_at), "j F Y H:i")
    form.add_error(
        None, message % {"number": latest.number, "when": when, "who": latest.created_by or "?"}
    )
    form.started_from(latest.number)


@case_view()
def case_history(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    changes = case.changes.select_related("changed_by")
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_history.html", {"case": case, "page_obj": page})
