"""The zero goals: an O-plaat per goal for a place, and the yearly PDF report."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from elkedagbeter.core.permissions import role_required
from elkedagbeter.core.privacy import THRESHOLD
from elkedagbeter.organisations.models import Municipality, Team
from elkedagbeter.organisations.scoping import figure_area

from .charts import bar_chart
from .decision_effects import DecisionEffects, with_effects
from .decisions import decisions_for_zero_goal
from .models import Decision, RegionalAmbition
from .periods import Period, PeriodKind
from .places import Place
from .plate_parts import plate_parts
from .registry import WHERE, Direction
from .report import report_pdf
from .selectors import Figure, IndicatorView, indicator_views
from .views import FIGURE_ROLES, Choice, chosen
from .zero_goals import BY_CODE as ZERO_GOALS_BY_CODE
from .zero_goals import ZERO_GOALS, ZeroGoal


@dataclass(frozen=True)
class Plate:
    """A zero goal's O-plaat for one place."""

    goal: ZeroGoal
    main: IndicatorView
    related: list[IndicatorView]
    ambition: RegionalAmbition | None
    baseline: Figure | None

    @property
    def threshold_state(self) -> str:
        """Whether this year's figure reaches the region's "goed genoeg": ``reached``,
        ``not_reached``, ``no_threshold``, or ``unknown`` when the figure is hidden."""
        return threshold_state(self.main)


def threshold_state(view: IndicatorView) -> str:
    if view.threshold is None:
        return "no_threshold"
    threshold = float(view.threshold)
    figure = view.current
    value = figure.value
    if value is None:
        # A count shown as "< 5" is at most 4: that alone may settle it, without saying more.
        small = figure.count is not None and figure.count.reason == "small"
        if small and view.indicator.direction is Direction.DOWN and threshold >= THRESHOLD - 1:
            return "reached"
        return "unknown"
    if view.indicator.direction is Direction.DOWN:
        return "reached" if value <= threshold else "not_reached"
    return "reached" if value >= threshold else "not_reached"


def _plate(goal: ZeroGoal, choice: Choice) -> Plate:
    year = Period.containing(PeriodKind.YEAR, timezone.localdate())
    views = {v.indicator.code: v for v in indicator_views(choice.place, PeriodKind.YEAR, year)}
    ambition = (
        RegionalAmbition.objects.filter(
            region_id=choice.place.region_id, zero_goal=goal.code
        ).first()
        if choice.place.region_id
        else None
    )
    main = views[goal.indicator]
    baseline = None
    if ambition and ambition.baseline_year:
        baseline = next((f for p, f in main.series if p.start.year == ambition.baseline_year), None)
    return Plate(goal, main, [views[c] for c in goal.also], ambition, baseline)


@role_required(*FIGURE_ROLES)
def zero_goals(request: HttpRequest) -> HttpResponse:
    choice = chosen(request)
    return render(request, "indicators/zero_goals.html", {"choice": choice, "goals": ZERO_GOALS})


@role_required(*FIGURE_ROLES)
def plate(request: HttpRequest, code: str) -> HttpResponse:
    goal = ZERO_GOALS_BY_CODE.get(code)
    if goal is None:
        raise Http404
    choice = chosen(request)
    plate = _plate(goal, choice)
    context = {
        "choice": choice,
        "plate": plate,
        "year": plate.main.series[-1][0],
        "chart": bar_chart(plate.main),
        "where_rule": WHERE,
        "decisions": _decisions(request, goal, choice.place),
        # Good examples and initiatives (knowledge) come in through the hook registry.
        **plate_parts(request.user, goal.code, choice.place.region_id),
    }
    return render(request, "indicators/plate.html", context)


# The O-plaat shows the newest decisions, each with its effect (cached until figures change).
PLATE_DECISIONS = 8


def _region_ids(request: HttpRequest, place: Place) -> set[int] | None:
    """The regions whose decisions the O-plaat lists: the place's own, or for the country every
    region the user sees (None: all of them)."""
    if place.region_id is not None:
        return {place.region_id}
    area = figure_area(request.user)
    if area.national:
        return None
    return (
        set(area.region_ids)
        | set(
            Municipality.objects.filter(pk__in=area.municipality_ids).values_list(
                "region_id", flat=True
            )
        )
        | set(Team.objects.filter(pk__in=area.team_ids).values_list("region_id", flat=True))
    )


def _decisions(request: HttpRequest, goal: ZeroGoal, place: Place) -> list[DecisionEffects]:
    found = decisions_for_zero_goal(goal.code, _region_ids(request, place))[:PLATE_DECISIONS]
    codes = {goal.indicator, *goal.also}
    return [with_effects(request.user, decision, only=codes) for decision in found]


@role_required(*FIGURE_ROLES)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision with its measured effect, for those who may see the figures of its place."""
    found = get_object_or_404(
        Decision.objects.select_related("region", "municipality", "team"), pk=pk
    )
    item = with_effects(request.user, found)
    if not item.may_see_figures:
        raise Http404
    goals = [
        goal
        for goal in ZERO_GOALS
        if goal.code in found.zero_goal_codes
        or {goal.indicator, *goal.also} & set(found.indicator_codes)
    ]
    return render(request, "indicators/decision.html", {"item": item, "goals": goals})


@role_required(*FIGURE_ROLES)
def report(request: HttpRequest) -> HttpResponse:
    """A PDF of every indicator per year for a region (or any place the user may see)."""
    choice = chosen(request)
    response = HttpResponse(report_pdf(choice.place), content_type="application/pdf")
    filename = f"beweging-van-0-{choice.place.slug}-{choice.last.start.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
