"""The board: the bottlenecks a user may see, filtered and grouped, and their export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.indicators.exports import table_response

from ..board import Group, filtered, grouped
from ..forms import BoardFilterForm
from ..models import ResponsibleBody
from ..partner_selectors import has_inbox
from ..places import places_of
from ..selectors import (
    board_regions,
    bottlenecks_visible_to,
    handled_body_ids,
    may_raise,
    raised_from,
)
from .access import board_user

BOARD_LIMIT = 1000  # grouping compares every pair: the newest this many are grouped


def board_form(request: HttpRequest) -> BoardFilterForm:
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
    if not request.GET:
        # A body's handler (a gemeente) first sees what is addressed to them; "All" in the
        # filter shows the rest of the region.
        own = bodies.filter(pk__in=handled_body_ids(request.user)).order_by("pk").first()
        if own is not None:
            data["instantie"] = str(own.pk)
    if not regions.exists():
        regions = regions.model.objects.filter(
            pk__in=ResponsibleBody.objects.filter(pk__in=handled_body_ids(request.user)).values(
                "bottlenecks__region_id"
            )
        )
    return BoardFilterForm(data, regions=regions, bodies=bodies)


@board_user
def board_view(request: HttpRequest) -> HttpResponse:
    form = board_form(request)
    groups: list[Group] = []
    total = 0
    if form.is_valid():
        found = filtered(
            bottlenecks_visible_to(request.user), form.cleaned_data, timezone.localdate()
        )
        items = list(found[:BOARD_LIMIT])
        total = found.count()
        groups = grouped(items)
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
        "has_partner_inbox": has_inbox(request.user),
        "own_body_first": not request.GET and bool(form.data.get("instantie")),
    }
    return render(request, "bottlenecks/board.html", context)


@board_user
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = board_form(request)
    if fmt not in {"csv", "xlsx"} or not form.is_valid():
        raise Http404
    today = timezone.localdate()
    found = filtered(bottlenecks_visible_to(request.user), form.cleaned_data, today)
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
