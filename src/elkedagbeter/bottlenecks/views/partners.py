"""Who we need for a zero goal: the region's analysts ask parties (and withdraw), the parties
answer on "Wat wordt er van ons gevraagd?"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.indicators.places import Level as PlaceLevel
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.organisations.models import Region

from .. import partners
from ..models import PartnerRequest, PartnerStatus
from ..partner_forms import AnswerForm, AskForm, WithdrawForm
from ..partner_selectors import (
    acts_for_party,
    has_inbox,
    may_answer,
    may_ask,
    may_withdraw,
    requests_of_region,
    requests_to,
)
from .access import acting_user, board_user


def _errors_into(form: Any, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _with_forms(
    request: HttpRequest,
    items: list[PartnerRequest],
    failed: tuple[int, AnswerForm | WithdrawForm] | None = None,
) -> list[PartnerRequest]:
    """Give each request the forms the user may use on it (the failed one with its errors)."""
    for item in items:
        item.answer_form = (  # type: ignore[attr-defined]
            AnswerForm(current=item.status, prefix=f"a{item.pk}")
            if may_answer(request.user, item)
            else None
        )
        item.withdraw_form = (  # type: ignore[attr-defined]
            WithdrawForm(prefix=f"w{item.pk}") if may_withdraw(request.user, item) else None
        )
        if failed is not None and failed[0] == item.pk:
            attribute = "answer_form" if isinstance(failed[1], AnswerForm) else "withdraw_form"
            setattr(item, attribute, failed[1])
    return items


# --- Asking: the region's analysts ---------------------------------------------------------------


def _region_for_asking(request: HttpRequest, code: str, region_id: int) -> Region:
    if code not in ZERO_GOALS:
        raise Http404
    if not may_ask(request.user, region_id):
        raise PermissionDenied
    return get_object_or_404(Region, pk=region_id)


def _ask_page(
    request: HttpRequest,
    region: Region,
    code: str,
    *,
    form: AskForm | None = None,
    failed: tuple[int, AnswerForm | WithdrawForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    items = list(requests_of_region(region.pk, code, withdrawn=True))
    context = {
        "region": region,
        "goal": ZERO_GOALS[code],
        "place_slug": f"{PlaceLevel.REGION.value}-{region.pk}",
        "form": form or AskForm(region=region),
        "items": _with_forms(request, items, failed),
    }
    return render(request, "bottlenecks/partners_ask.html", context, status=status)


@board_user
def ask(request: HttpRequest, code: str, region_id: int) -> HttpResponse:
    region = _region_for_asking(request, code, region_id)
    if request.method != "POST":
        return _ask_page(request, region, code)
    form = AskForm(request.POST, region=region)
    if form.is_valid():
        given = partners.Ask(
            region=region,
            zero_goal=code,
            ask=form.cleaned_data["ask"],
            body=form.cleaned_data["body"],
            team=form.cleaned_data["team"],
            role_name=form.cleaned_data["role_name"],
        )
        try:
            asked = partners.ask_partner(acting_user(request), given)
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Asked: %(party)s.") % {"party": asked.party})
            return redirect("bottlenecks:partners_ask", code=code, region_id=region.pk)
    return _ask_page(request, region, code, form=form, status=400)


# --- Answering: whoever acts for the party -------------------------------------------------------


def _inbox_page(
    request: HttpRequest,
    *,
    failed: tuple[int, AnswerForm | WithdrawForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    items = _with_forms(request, list(requests_to(request.user)), failed)
    context = {
        "open_items": [item for item in items if item.status == PartnerStatus.ASKED],
        "answered_items": [item for item in items if item.status != PartnerStatus.ASKED],
    }
    return render(request, "bottlenecks/partners_inbox.html", context, status=status)


@board_user
def inbox(request: HttpRequest) -> HttpResponse:
    """Wat wordt er van ons gevraagd? What is asked of the user's bodies and teams."""
    if not has_inbox(request.user):
        raise PermissionDenied
    return _inbox_page(request)


def _back(request: HttpRequest, item: PartnerRequest, **kwargs: Any) -> HttpResponse:
    """Back where the answer came from: the inbox for a body or team, the asking page for a
    role the region answers for."""
    if item.body_id is None and item.team_id is None:
        if "form" in kwargs:
            region = item.region
            return _ask_page(
                request, region, item.zero_goal, failed=(item.pk, kwargs["form"]), status=400
            )
        return redirect("bottlenecks:partners_ask", code=item.zero_goal, region_id=item.region_id)
    if "form" in kwargs:
        return _inbox_page(request, failed=(item.pk, kwargs["form"]), status=400)
    return redirect("bottlenecks:partners_inbox")


@board_user
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PartnerRequest.objects.select_related("region"), pk=pk)
    if not acts_for_party(request.user, item):
        raise Http404  # what is asked of others is not the user's business here
    if not item.is_open:
        raise PermissionDenied
    form = AnswerForm(request.POST, current=item.status, prefix=f"a{item.pk}")
    if form.is_valid():
        try:
            partners.answer_request(
                acting_user(request), item, form.cleaned_data["status"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(
                request,
                _("Your answer to %(region)s is recorded: %(answer)s.")
                % {"region": item.region.name, "answer": item.get_status_display()},
            )
            return _back(request, item)
    return _back(request, item, form=form)


@board_user
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PartnerRequest.objects.select_related("region"), pk=pk)
    if not may_ask(request.user, item.region_id):
        raise Http404
    if not may_withdraw(request.user, item):
        raise PermissionDenied
    form = WithdrawForm(request.POST, prefix=f"w{item.pk}")
    if not form.is_valid():
        return _ask_page(request, item.region, item.zero_goal, failed=(item.pk, form), status=400)
    partners.withdraw_request(acting_user(request), item, form.cleaned_data["reason"])
    messages.success(request, _("The request to %(party)s is withdrawn.") % {"party": item.party})
    return redirect("bottlenecks:partners_ask", code=item.zero_goal, region_id=item.region_id)
