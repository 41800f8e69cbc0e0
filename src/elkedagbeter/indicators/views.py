"""The Beweging van 0 dashboard: an area's indicators per period, drill-down as far as the user's
role reaches, and every chart's data as CSV or XLSX. Aggregates only, except that a coordinator
may list their own team's cases behind a number."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.cases.selectors import cases_visible_to
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import figure_area, team_ids_with_role
from elkedagbeter.prepared import prepared

from . import facts, versions
from .actions import approve_period, may_approve
from .charts import BarChart, bar_chart
from .exports import Number, table_response
from .models import PeriodApproval
from .periods import Period, PeriodKind, kind_parameter, period_parameter
from .places import (
    Level,
    Place,
    home_places,
    level_label,
    may_see_place,
    place_from_slug,
    trail,
)
from .registry import BY_CODE, WHERE, Unit
from .selectors import Figure, IndicatorView, indicator_views

# The work floor (professionals, expert teams) sees its region's figures and its own team's too.
FIGURE_ROLES = (Role.ANALYST, Role.VIEWER, Role.COORDINATOR, Role.PROFESSIONAL, Role.EXPERT)


@dataclass(frozen=True)
class Choice:
    place: Place
    kind: PeriodKind
    last: Period


def chosen(request: HttpRequest, homes: list[Place] | None = None) -> Choice:
    """The place, period kind and last period asked for, checked against the user's area; a
    malformed ``periode`` or ``tot`` is a 400 that names it (core.parameters.BadParameter).
    ``homes``: the user's ``home_places``, when the caller has them already."""
    if homes is None:
        homes = home_places(request.user)  # type: ignore[arg-type]
    if not homes:
        raise Http404
    slug = request.GET.get("plaats")
    place = place_from_slug(slug) if slug else homes[0]
    if place is None or not may_see_place(request.user, place):  # type: ignore[arg-type]
        raise Http404
    kind = kind_parameter(request.GET.get("periode"), tuple(PeriodKind), PeriodKind.QUARTER)
    current = Period.containing(kind, timezone.localdate())
    last = period_parameter("tot", request.GET.get("tot"), kind) or current
    return Choice(place, kind, min(last, current))


# Read on every dashboard: compiled once (elkedagbeter/prepared.py); ``.first()`` by pk.
_APPROVAL = prepared(
    lambda region_id, kind, start: (
        PeriodApproval.objects.filter(region_id=region_id, period_kind=kind, period_start=start)
        .select_related("approved_by")
        .order_by("pk")[:1]
    ),
    region_id=int,
    kind=str,
    start=date,
)


def _approval(choice: Choice) -> PeriodApproval | None:
    if choice.place.region_id is None:
        return None
    return _APPROVAL.first(
        region_id=choice.place.region_id, kind=choice.kind.value, start=choice.last.start
    )


@role_required(*FIGURE_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    homes = home_places(request.user)  # type: ignore[arg-type]
    choice = chosen(request, homes)
    area = figure_area(request.user)
    running = choice.last == Period.containing(choice.kind, timezone.localdate())
    region_id = choice.place.region_id
    can_approve = (
        choice.place.level is Level.REGION
        and not running
        and region_id is not None
        and may_approve(request.user, region_id)  # type: ignore[arg-type]
    )
    show_cases = choice.place.level is Level.TEAM and choice.place.id in team_ids_with_role(
        request.user,
        Role.COORDINATOR,
    )
    context = {
        "choice": choice,
        "sections": _Sections(choice),
        "trail": trail(choice.place, area),
        "own_teams": [home for home in homes if home.level is Level.TEAM and home != choice.place],
        "kinds": list(PeriodKind),
        "where_rule": WHERE,
        "running": running,
        "approval": _approval(choice),
        "can_approve": can_approve,
        "show_cases": show_cases,
        "sections_key": _sections_key(choice, show_cases=show_cases),
        "earlier": choice.last.shifted(-1),
        "later": choice.last.shifted(1),
    }
    return render(request, "indicators/dashboard.html", context)


class _Sections:
    """The indicator sections' figures and bar charts, worked out only when the sections are
    rendered, not when their HTML is served from the fragments cache."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice

    @cached_property
    def views(self) -> list[IndicatorView]:
        return indicator_views(self.choice.place, self.choice.kind, self.choice.last)

    def charted(self) -> Iterator[tuple[IndicatorView, BarChart]]:
        return ((view, bar_chart(view)) for view in self.views)

    @cached_property
    def part_label(self) -> str:
        return _part_label(self.views)


def _sections_key(choice: Choice, *, show_cases: bool) -> str:
    """What the indicator sections show depends on, so their rendered HTML can be kept: the
    language, the place, the periods, whether "our cases behind this number" is offered, and
    the version of the figures of the place's region (of every region for the country), which
    changes with anything the figures are made of (``versions.py``)."""
    shown = (
        translation.get_language(),
        choice.place,
        choice.kind,
        choice.last,
        show_cases,
        versions.current(choice.place.region_id),
    )
    return hashlib.sha256(pickle.dumps(shown, protocol=5)).hexdigest()


def _part_label(views: list[IndicatorView]) -> str:
    parts = views[0].parts if views else []
    return level_label(parts[0].place.level) if parts else ""


def _rows(view: IndicatorView, part_label: str) -> list[list[object]]:
    rows: list[list[object]] = [[_("Period"), str(view.indicator.name)]]
    rows += [[str(period), _cell(figure)] for period, figure in view.series]
    if view.parts:
        rows.append([])
        rows.append([part_label, str(view.series[-1][0])])
        rows += [[row.place.name, _cell(row.figure)] for row in view.parts]
    return rows


def _cell(figure: Figure) -> object:
    """A shown count as a number a spreadsheet can add up, a share or mean as a number with its
    format; anything else (hidden, nothing to divide by) as the text shown."""
    value = figure.value
    if value is None:
        return str(figure)
    if figure.unit is Unit.COUNT:
        return int(value)
    number_format = "0%" if figure.unit is Unit.PERCENTAGE else "0.00"
    return Number(value, str(figure), number_format)


@role_required(*FIGURE_ROLES)
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if code not in BY_CODE or fmt not in {"csv", "xlsx"}:
        raise Http404
    choice = chosen(request)
    view = next(
        v
        for v in indicator_views(choice.place, choice.kind, choice.last)
        if v.indicator.code == code
    )
    label = _part_label([view])
    filename = f"{code}-{choice.place.slug}-{choice.last.slug}"
    return table_response(_rows(view, label), filename=filename, fmt=fmt)


@role_required(Role.ANALYST, Role.VIEWER)
@require_POST
def approve(request: HttpRequest) -> HttpResponse:
    choice = chosen(request)
    if choice.place.level is not Level.REGION or choice.place.region_id is None:
        raise Http404
    try:
        approve_period(request.user, choice.place.region_id, choice.last)  # type: ignore[arg-type]
    except ValueError:
        messages.error(request, _("A period that is still running cannot be approved."))
    else:
        messages.success(
            request,
            _("The figures of %(period)s are approved and may be published.")
            % {"period": choice.last},
        )
    query = f"plaats={choice.place.slug}&periode={choice.kind.value}&tot={choice.last.slug}"
    return redirect(f"{reverse('indicators:dashboard')}?{query}")


@role_required(Role.COORDINATOR)
def cases_behind(request: HttpRequest, code: str) -> HttpResponse:
    """For a coordinator: the team's own cases behind a number on the team's dashboard."""
    indicator = BY_CODE.get(code)
    choice = chosen(request)
    team_id = choice.place.id
    coordinated = team_ids_with_role(request.user, Role.COORDINATOR)
    if indicator is None or choice.place.level is not Level.TEAM or team_id not in coordinated:
        raise Http404
    ids = facts.cases_behind(code, team_id, choice.last)
    cases = cases_visible_to(request.user).filter(pk__in=ids).order_by("-opened_on")
    context = {"choice": choice, "indicator": indicator, "cases": cases, "count": len(ids)}
    return render(request, "indicators/cases_behind.html", context)
