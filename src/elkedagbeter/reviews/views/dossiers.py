"""A reviewer reads a dossier and fills in the checklist; once both reviews are in, the two
reviewers see their differences and record what they agree on."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.cases.overview import case_overview
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import actions
from ..chains import History, chain_label, histories_of_cases
from ..dossier_text import for_reviewers
from ..findings import dossier_answers
from ..forms import ResolveForm, ReviewForm
from ..models import Dossier, ReviewRound
from ..selectors import reviewer_dossier, team_round


def _open(request: HttpRequest, pk: int, dossier_id: int) -> tuple[ReviewRound, Dossier, Any]:
    round_, membership = team_round(request.user, pk)
    if round_.is_preparing:
        raise Http404
    dossier = reviewer_dossier(request.user, round_, dossier_id)
    if dossier.consent is not None and not dossier.consent.is_active:
        raise Http404  # the team's consent no longer holds
    dossier.round = round_
    return round_, dossier, membership


def _history(dossier: Dossier) -> History:
    if dossier.case_id is not None:
        return histories_of_cases([dossier.case_id])[dossier.case_id]
    assert dossier.imported is not None
    return History(tuple(dossier.imported.residence_chain), dossier.imported.transfers)


def _set_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


@role_required(Role.EXPERT)
def dossier_review(request: HttpRequest, pk: int, dossier_id: int) -> HttpResponse:
    round_, dossier, membership = _open(request, pk, dossier_id)
    review = dossier.reviews.get(reviewer_id=request.user.pk)
    items = list(round_.items.select_related("part_of"))
    history = _history(dossier)
    answers = {answer.item_id: answer for answer in review.answers.all()}
    initial: dict[str, Any] = {}
    for item in items:
        if item.pk in answers:
            answer = answers[item.pk]
            initial[f"item_{item.pk}"] = answer.number if item.is_number else answer.choice
        elif item.code == "plaatsingen":
            initial[f"item_{item.pk}"] = history.placements
        elif item.code == "overplaatsingen":
            initial[f"item_{item.pk}"] = history.transfers
    form = ReviewForm(request.POST or None, items=items, initial=initial, initial_note=review.note)
    if request.method == "POST" and not review.is_submitted and form.is_valid():
        submit = bool(request.POST.get("submit"))
        try:
            actions.save_review(
                request,
                review,
                values=form.values(),
                note=form.cleaned_data["note"],
                submit=submit,
            )
        except ValidationError as error:
            _set_errors(form, error)
        else:
            messages.success(
                request,
                _("Your review of %(label)s is handed in.") % {"label": dossier.label}
                if submit
                else _("Your answers are saved; hand them in when you are done."),
            )
            return redirect("reviews:detail", pk=pk) if submit else redirect(request.path)
    if request.method == "GET":
        actions.log_dossier_read(request, dossier, membership)
    context = {
        "round": round_,
        "dossier": dossier,
        "review": review,
        "form": form,
        "history": history,
        "chain": chain_label(history.chain),
        "o": for_reviewers(case_overview(dossier.case, request.user.pk or 0, show_emergency=False))
        if dossier.case is not None
        else None,
    }
    return render(request, "reviews/dossier_review.html", context)


@role_required(Role.EXPERT)
def dossier_resolve(request: HttpRequest, pk: int, dossier_id: int) -> HttpResponse:
    round_, dossier, _membership = _open(request, pk, dossier_id)
    items = list(round_.items.select_related("part_of"))
    entry = next(e for e in dossier_answers(round_) if e.dossier.pk == dossier.pk)
    if not entry.complete:
        messages.error(
            request, _("Both reviews must be handed in before differences are resolved.")
        )
        return redirect("reviews:detail", pk=pk)
    differing = [item for item in items if entry.differs(item)]
    open_items = entry.open_differences(items)
    form = ResolveForm(request.POST or None, items=open_items)
    if request.method == "POST" and form.is_valid():
        try:
            for item in open_items:
                value = form.cleaned_data.get(f"item_{item.pk}")
                if value not in (None, ""):
                    actions.resolve(
                        request, dossier, item, value=value, note=form.cleaned_data["note"]
                    )
        except ValidationError as error:
            _set_errors(form, error)
        else:
            messages.success(request, _("The agreed answers are saved."))
            return redirect("reviews:resolve", pk=pk, dossier_id=dossier.pk)
    rows = [
        (item, [answers.get(item.pk) for answers in entry.answers], entry.resolutions.get(item.pk))
        for item in differing
    ]
    context = {
        "round": round_,
        "dossier": dossier,
        "entry": entry,
        "rows": rows,
        "form": form,
        "open_items": open_items,
    }
    return render(request, "reviews/dossier_resolve.html", context)
