"""Case conferences (casusoverleg): the page that records one, its place on the case's timeline,
and marking an agreement done."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.cases.models import Case
from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.cases.page_parts import CasePart, TimelineEntry
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.organisations.models import Role
from elkedagbeter.prepared import prepared

from . import actions
from .forms import AgreementFormSet, ConferenceForm
from .models import Agreement, CaseConference, NextStep
from .selectors import open_signals_of

# On every case page of its team (elkedagbeter/prepared.py).
_CONFERENCES = prepared(
    lambda case_id: CaseConference.objects.filter(case_id=case_id).prefetch_related("agreements"),
    case_id=int,
)

WORKERS = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT)


@case_view(write=True, roles=WORKERS)
def conference_new(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    form = ConferenceForm(request.POST or None, initial={"held_on": timezone.localdate()})
    agreements = AgreementFormSet(
        request.POST or None, queryset=Agreement.objects.none(), prefix="afspraak"
    )
    if request.method == "POST" and form.is_valid() and agreements.is_valid():
        items = [a for a in agreements.save(commit=False) if a.what]
        try:
            actions.record_conference(request, case, form.save(commit=False), items)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case conference is on the timeline."))
            response = redirect("cases:detail", reference=case.reference)
            response["Location"] += "#tijdlijn"
            return response
    context = {"case": case, "form": form, "agreements": agreements}
    return render(request, "attention/conference_form.html", context)


@require_POST
@case_view(write=True, roles=WORKERS)
def agreement_done(request: HttpRequest, case: Case, grant: CaseGrant, pk: int) -> HttpResponse:
    agreement = Agreement.objects.filter(pk=pk, conference__case=case, done_on__isnull=True).first()
    if agreement is None:
        raise Http404
    actions.agreement_done(request, agreement)
    messages.success(request, _("The agreement is marked as done."))
    response = redirect("cases:detail", reference=case.reference)
    response["Location"] += "#tijdlijn"
    return response


def timeline_entries(user: Any, case: Case) -> list[TimelineEntry]:
    """The case's conferences on its timeline (the case page asks only for its own team and
    expert team)."""
    today = timezone.localdate()
    conferences = _CONFERENCES.list(case_id=case.pk, known={"case": case})
    return [
        TimelineEntry(
            conference.held_on,
            "attention/_conference_entry.html",
            {"conference": conference, "today": today},
        )
        for conference in conferences
    ]


def signals_part(user: Any, case: Case, _overview: CaseOverview) -> CasePart | None:
    """The case's open signals with the next steps, on the case page."""
    signals = open_signals_of(user, case)
    if not signals:
        return None
    return CasePart("attention/_case_signals.html", {"signals": signals, "steps": NextStep.choices})
