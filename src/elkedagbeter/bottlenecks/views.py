"""Bottleneck pages: raise (from a case or on its own), the board, one bottleneck with its
history and thread, the figures per responsible body, and the export."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import AgeBand, Case, MemberRole
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.indicators.exports import table_response
from elkedagbeter.organisations.scoping import memberships_of

from . import actions, board
from .figures import region_figures
from .forms import BoardFilterForm, CommentForm, MoveForm, Place, PublishForm, RaiseForm
from .models import Bottleneck, ResponsibleBody, Status
from .places import places_of
from .selectors import (
    allowed_moves,
    board_regions,
    bottlenecks_visible_to,
    case_link_visible,
    comments_for,
    handled_body_ids,
    history_for,
    may_endorse,
    may_publish,
    may_raise,
    may_use_board,
    raised_from,
)
from .similar import most_similar

BOARD_LIMIT = 1000  # grouping compares every pair: the newest this many are grouped

View = Callable[..., HttpResponse]


def board_user(view: View) -> View:
    """Logged in, past the second factor (the middleware), and somewhere in the organisation
    or acting for a responsible body."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_board(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


# --- Raising -------------------------------------------------------------------------------------


def _draft(form: RaiseForm) -> actions.Draft:
    place = form.chosen_place()
    data = form.cleaned_data
    return actions.Draft(
        region=place.region,
        category=data["category"],
        title=data["title"],
        description=data["description"],
        level=data["level"],
        municipality=place.municipality,
        team=place.team,
        age_band=data["age_band"],
    )


def _similar_open(request: HttpRequest, form: RaiseForm) -> list[Bottleneck]:
    """Open bottlenecks in the same region that read like the one being raised."""
    if form.cleaned_data.get("confirmed"):
        return []
    candidates = list(
        bottlenecks_visible_to(request.user)
        .filter(region=form.chosen_place().region)
        .exclude(status__in=[Status.SOLVED, Status.NOT_SOLVABLE])[:BOARD_LIMIT]
    )
    text = f"{form.cleaned_data['title']} {form.cleaned_data['description']}"
    return most_similar(
        text, candidates, [f"{item.title} {item.description}" for item in candidates]
    )


def _raise_page(
    request: HttpRequest,
    form: RaiseForm,
    raise_: Callable[[actions.Draft], Bottleneck],
    context: dict[str, Any],
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        similar = _similar_open(request, form)
        if not similar:
            try:
                bottleneck = raise_(_draft(form))
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                messages.success(
                    request,
                    _("Bottleneck %(number)s has been sent to %(body)s.")
                    % {"number": bottleneck.number, "body": bottleneck.body},
                )
                return redirect("bottlenecks:detail", pk=bottleneck.pk)
        else:
            data = request.POST.copy()
            data["confirmed"] = "True"
            form = RaiseForm(data, places=list(form.places.values()))
            form.is_valid()
            context["similar"] = similar
    return render(request, "bottlenecks/raise.html", {"form": form, **context})


@board_user
def raise_new(request: HttpRequest) -> HttpResponse:
    places = places_of(request.user)
    if not may_raise(request.user) or not places:
        raise PermissionDenied
    form = RaiseForm(request.POST or None, places=places)
    actor = _actor(request)
    return _raise_page(request, form, lambda draft: actions.raise_bottleneck(actor, draft), {})


def youth_age_band(case: Case) -> str:
    """The age band of the case's (oldest) youth, from the band or the birth year."""
    today = timezone.localdate()
    bands = []
    for member in case.members.filter(role=MemberRole.YOUTH):
        if member.age_band:
            bands.append(member.age_band)
        elif member.birth_year:
            age = today.year - member.birth_year
            bands.append(
                AgeBand.TODDLER
                if age <= 3
                else AgeBand.CHILD
                if age <= 11
                else AgeBand.TEENAGER
                if age <= 17
                else AgeBand.YOUNG_ADULT
                if age <= 22
                else AgeBand.ADULT
            )
    order = list(AgeBand.values)
    return max(bands, key=order.index) if bands else ""


@case_view(write=True)
def raise_from_case(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    """Two clicks from the case page: the team, municipality and age band come from the case;
    only the category and a sentence are asked. Nothing else of the case goes along."""
    team = case.team if grant.membership.team_id == case.team_id else grant.membership.team
    assert team is not None
    place = Place(f"team-{team.pk}", team.name, team.region, team.municipality, team)
    initial = {"age_band": youth_age_band(case), "place": place.key}
    form = RaiseForm(request.POST or None, places=[place], initial=initial)
    context = {"case": case}
    return _raise_page(
        request,
        form,
        lambda draft: actions.raise_from_case(request, case, grant, draft),
        context,
    )


# --- The board -----------------------------------------------------------------------------------


def _board_form(request: HttpRequest) -> BoardFilterForm:
    regions = board_regions(request.user)
    data = request.GET.copy()
    if not data.get("regio"):
        mine = (
            ResponsibleBody.objects.filter(pk__in=handled_body_ids(request.user))
            .exclude(region=None)
            .values_list("region_id", flat=True)
            .first()
        )
        first = regions.first()
        data["regio"] = str(mine or (first.pk if first else ""))
    region_id = data.get("regio") or ""
    bodies = ResponsibleBody.objects.none()
    if region_id.isdigit():
        bodies = ResponsibleBody.objects.filter(bottlenecks__region_id=int(region_id)).distinct()
    if not regions.exists():
        regions = regions.model.objects.filter(
            pk__in=ResponsibleBody.objects.filter(pk__in=handled_body_ids(request.user)).values(
                "bottlenecks__region_id"
            )
        )
    return BoardFilterForm(data, regions=regions, bodies=bodies)


@board_user
def board_view(request: HttpRequest) -> HttpResponse:
    form = _board_form(request)
    groups: list[board.Group] = []
    total = 0
    if form.is_valid():
        found = board.filtered(
            bottlenecks_visible_to(request.user), form.cleaned_data, timezone.localdate()
        )
        items = list(found[:BOARD_LIMIT])
        total = found.count()
        groups = board.grouped(items)
    page = Paginator(groups, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "total": total,
        "limited": total > BOARD_LIMIT,
        "limit": BOARD_LIMIT,
        "query_string": query.urlencode(),
        "today": timezone.localdate(),
        "can_raise": may_raise(request.user) and bool(places_of(request.user)),
        "my_bodies": handled_body_ids(request.user),
    }
    return render(request, "bottlenecks/board.html", context)


@board_user
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = _board_form(request)
    if fmt not in {"csv", "xlsx"} or not form.is_valid():
        raise Http404
    today = timezone.localdate()
    found = board.filtered(bottlenecks_visible_to(request.user), form.cleaned_data, today)
    rows: list[list[object]] = [
        [
            _("Number"),
            _("Raised on"),
            _("Category"),
            _("Bottleneck"),
            _("Municipality"),
            _("Age band"),
            _("Level"),
            _("Responsible body"),
            _("Status"),
            _("Respond by"),
            _("Past the deadline"),
            _("We too"),
            _("Raised from"),  # the team or area, never the person (selectors.raised_from)
        ]
    ]
    for item in found:
        rows.append(
            [
                item.number,
                timezone.localdate(item.created_at).isoformat(),
                item.get_category_display(),
                item.title,
                str(item.municipality or ""),
                item.get_age_band_display(),
                item.get_level_display(),
                str(item.body),
                item.get_status_display(),
                item.due_on.isoformat() if item.due_on else "",
                _("yes") if item.is_overdue(today) else _("no"),
                getattr(item, "we_too", 0),
                raised_from(item),
            ]
        )
    region = form.cleaned_data["regio"]
    return table_response(rows, filename=f"knelpunten-{region.code}-{today.isoformat()}", fmt=fmt)


# --- One bottleneck ------------------------------------------------------------------------------


def _visible(request: HttpRequest, pk: int) -> Bottleneck:
    bottleneck = (
        bottlenecks_visible_to(request.user)
        .select_related("case__team", "routed_by", "raised_by")
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
    if form.is_valid():
        status = Status(form.cleaned_data["status"])
        try:
            actions.transition(_actor(request), bottleneck, status, form.cleaned_data["text"])
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(
                request, _("The bottleneck is now: %(status)s.") % {"status": status.label}
            )
            return redirect("bottlenecks:detail", pk=pk)
    return _detail(request, bottleneck, move_form=form, status=400)


@board_user
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.add_comment(_actor(request), bottleneck, form.cleaned_data["text"])
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
    actions.endorse(_actor(request), bottleneck, team)
    messages.success(request, _("Counted: you meet this bottleneck too."))
    return redirect("bottlenecks:detail", pk=pk)


@board_user
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = _visible(request, pk)
    if request.POST.get("unpublish"):
        actions.unpublish(_actor(request), bottleneck)
        messages.success(request, _("The bottleneck is no longer on the public page."))
        return redirect("bottlenecks:detail", pk=pk)
    if not may_publish(request.user, bottleneck):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        actions.publish(_actor(request), bottleneck, form.cleaned_data["summary"])
        messages.success(request, _("The bottleneck is on the region's public page."))
        return redirect("bottlenecks:detail", pk=pk)
    return _detail(request, bottleneck, publish_form=form, status=400)


# --- Figures -------------------------------------------------------------------------------------


@board_user
def figures(request: HttpRequest) -> HttpResponse:
    form = _board_form(request)
    result = region_figures(form.cleaned_data["regio"]) if form.is_valid() else None
    fmt = request.GET.get("formaat")
    if result is not None and fmt in {"csv", "xlsx"}:
        return _figures_table(result, fmt)
    return render(request, "bottlenecks/figures.html", {"form": form, "figures": result})


def _figures_table(result: Any, fmt: str) -> HttpResponse:
    header: list[object] = [
        _("Responsible body"),
        _("Level"),
        _("Received"),
        _("Median working days to first response"),
        _("Share solved"),
        _("Open past the deadline"),
    ]
    header += [f"{year} K{quarter}" for year, quarter in result.quarters]
    rows: list[list[object]] = [header]
    for row in result.rows:
        rows.append(
            [
                row.body.name,
                row.body.get_level_display(),
                str(row.received),
                "" if row.median_response_days is None else row.median_response_days,
                "" if row.share_solved is None else round(row.share_solved, 2),
                str(row.overdue),
                *[str(count) for count in row.trend],
            ]
        )
    rows.append([_("Total"), "", str(result.total_received)])
    return table_response(rows, filename=f"knelpunten-cijfers-{result.region.code}", fmt=fmt)
