"""One bottleneck: its page with history and thread, and the moves, comments, "we too" and
publishing done from it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.indicators.decision_effects import with_effects
from elkedagbeter.indicators.decision_forms import DecisionForm
from elkedagbeter.organisations.scoping import memberships_of

from .. import actions
from ..decisions import decision_form
from ..forms import CommentForm, MoveForm, PublishForm
from ..links import links_of
from ..models import Bottleneck, Status
from ..selectors import (
    allowed_moves,
    bottlenecks_visible_to,
    case_link_visible,
    comments_for,
    handled_body_ids,
    history_for,
    may_endorse,
    may_publish,
    raised_from,
)
from .access import acting_user, board_user


def _visible(request: HttpRequest, pk: int) -> Bottleneck:
    bottleneck = (
        bottlenecks_visible_to(request.user)
        .select_related(
            "case__team",
            "routed_by",
            "raised_by",
            "decision__region",
            "decision__municipality",
            "decision__team",
        )
        .filter(pk=pk)
        .first()
    )
    if bottleneck is None:
        raise Http404
    return bottleneck


def _detail(
    request: HttpRequest,
    bottleneck: Bottleneck,
    *,
    move_form: MoveForm | None = None,
    decision: DecisionForm | None = None,
    comment_form: CommentForm | None = None,
    publish_form: PublishForm | None = None,
    status: int = 200,
) -> HttpResponse:
    moves = allowed_moves(request.user, bottleneck)
    context = {
        "b": bottleneck,
        "history": history_for(request.user, bottleneck),
        "comments": comments_for(request.user, bottleneck),
        "endorsements": bottleneck.endorsements.select_related("team"),
        "move_form": move_form or MoveForm(moves=moves),
        # Solving asks what was decided: what changes, from when, where, which indicators.
        "decision_form": (decision or decision_form(bottleneck))
        if Status.SOLVED in moves
        else None,
        "decision": with_effects(request.user, bottleneck.decision)
        if bottleneck.decision
        else None,
        "comment_form": comment_form or CommentForm(),
        "publish_form": publish_form
        or PublishForm(initial={"summary": bottleneck.public_summary or _latest_text(bottleneck)}),
        "moves": moves,
        "can_endorse": may_endorse(request.user, bottleneck),
        "can_publish": may_publish(request.user, bottleneck),
        "acts_for_body": bottleneck.body_id in handled_body_ids(request.user),
        "show_case": case_link_visible(request.user, bottleneck),
        "raised_from": raised_from(bottleneck),
        "today": timezone.localdate(),
        "links": links_of(bottleneck),
    }
    return render(request, "bottlenecks/detail.html", context, status=status)


def _latest_text(bottleneck: Bottleneck) -> str:
    latest = bottleneck.history.filter(status=Status.SOLVED).order_by("-at").first()
    return latest.text if latest else ""


@board_user
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible(request, pk))


def _errors_into(form: Any, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@board_user
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    moves = allowed_moves(request.user, bottleneck)
    if not moves:
        raise PermissionDenied
    form = MoveForm(request.POST, moves=moves)
    solving = form.data.get("status") == Status.SOLVED
    decided = decision_form(bottleneck, request.POST, check=solving)
    # Only solving asks for a decision: check it beside the step, so both show their errors.
    if form.is_valid() & (not solving or decided.is_valid()):
        status = Status(form.cleaned_data["status"])
        try:
            actions.transition(
                acting_user(request),
                bottleneck,
                status,
                form.cleaned_data["text"],
                decision=decided.decision() if solving else None,
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(
                request, _("The bottleneck is now: %(status)s.") % {"status": status.label}
            )
            return redirect("bottlenecks:detail", pk=pk)
    return _detail(
        request,
        bottleneck,
        move_form=form,
        decision=decided,
        status=400,
    )


@board_user
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.add_comment(acting_user(request), bottleneck, form.cleaned_data["text"])
        messages.success(request, _("Your comment has been added."))
        response = redirect("bottlenecks:detail", pk=pk)
        response["Location"] += "#reacties"
        return response
    return _detail(request, bottleneck, comment_form=form, status=400)


@board_user
@require_POST
def we_too(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    if not may_endorse(request.user, bottleneck):
        raise PermissionDenied
    team = next(
        (
            m.team
            for m in memberships_of(request.user)
            if m.team is not None and m.team.region_id == bottleneck.region_id
        ),
        None,
    )
    actions.endorse(acting_user(request), bottleneck, team)
    messages.success(request, _("Counted: you meet this bottleneck too."))
    return redirect("bottlenecks:detail", pk=pk)


@board_user
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    if request.POST.get("unpublish"):
        actions.unpublish(acting_user(request), bottleneck)
        messages.success(request, _("The bottleneck is no longer on the public page."))
        return redirect("bottlenecks:detail", pk=pk)
    if not may_publish(request.user, bottleneck):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        actions.publish(acting_user(request), bottleneck, form.cleaned_data["summary"])
        messages.success(request, _("The bottleneck is on the region's public page."))
        return redirect("bottlenecks:detail", pk=pk)
    return _detail(request, bottleneck, publish_form=form, status=400)
