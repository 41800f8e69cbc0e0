"""Pages beyond the team: the findings (protected for others), their PDF and spreadsheet, the
comparison of rounds, the shared lessons, and a coordinator's consent for the team's cases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.core.permissions import role_required
from elkedagbeter.indicators.exports import table_response
from elkedagbeter.organisations.models import Role

from .. import actions
from ..compare import compare as compare_rounds
from ..findings import Findings, build
from ..forms import ConsentForm
from ..models import ReviewRound
from ..report import findings_pdf, findings_rows
from ..selectors import (
    View,
    active_consents,
    comparable_rounds,
    consent_round,
    findings_view,
    shared_lessons,
)
from .rounds import ROUND_ROLES

ALL_ROLES = tuple(Role)


def _findings(request: HttpRequest, pk: int) -> Findings:
    """The findings as this user may see them; the team can ask for the protected version to
    see what others see."""
    round_ = get_object_or_404(ReviewRound.objects.select_related("expert_team__region"), pk=pk)
    view = findings_view(request.user, round_)
    if view is None or round_.is_preparing:
        raise Http404
    if request.GET.get("beschermd") == "1":
        view = View.PROTECTED
    return build(round_, view)


@role_required(*ROUND_ROLES)
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    found = _findings(request, pk)
    query = "?beschermd=1" if found.protected else ""
    context = {"f": found, "round": found.round, "query": query}
    return render(request, "reviews/findings.html", context)


@role_required(*ROUND_ROLES)
def findings_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404
    found = _findings(request, pk)
    filename = f"dossierreview-{pk}{'-beschermd' if found.protected else ''}"
    if fmt == "xlsx":
        return table_response(findings_rows(found), filename=filename, fmt="xlsx")
    response = HttpResponse(findings_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@role_required(Role.EXPERT, Role.ANALYST, Role.VIEWER)
def compare(request: HttpRequest) -> HttpResponse:
    comparison = compare_rounds(comparable_rounds(request.user))
    return render(request, "reviews/compare.html", {"c": comparison})


@role_required(*ALL_ROLES)
def lessons(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/lessons.html", {"lessons": shared_lessons()})


@role_required(Role.COORDINATOR)
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator agrees (or no longer agrees) that the expert team reviews the team's
    cases in this round."""
    round_, teams = consent_round(request.user, pk)
    form = ConsentForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        team = form.cleaned_data["team"]
        try:
            if request.POST.get("decision") == "withdraw":
                actions.withdraw_consent(request, round_, team)
                messages.success(request, _("Your team no longer takes part in this round."))
            else:
                actions.give_consent(request, round_, team, note=form.cleaned_data["note"])
                messages.success(
                    request, _("The expert team may now include your team's cases in the sample.")
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("reviews:consent", pk=pk)
    consents = [c for c in active_consents(round_) if c.team in teams]
    context = {"round": round_, "form": form, "consents": consents, "teams": teams}
    return render(request, "reviews/consent.html", context)
