"""What the help costs: spending and cost per trajectory, from the case record and a region's
tariffs. Aggregates only: a figure over fewer than five trajectories is hidden, and so is a
partner that would give it away by subtraction (core.privacy). No function here returns the
cost of one household.

- A placement (event ``uithuisplaatsing`` with a CBS hulpvorm met verblijf 11 to 14) costs, for
  every day it lasts within the year, the day tariff of its hulpvorm valid on that day. A
  placement without an end runs to the end of the year or today, whichever comes first.
- An arrangement (light, medium, heavy) costs its trajectory tariff valid on the day it was
  agreed, once, in the year it was agreed.
- A trajectory is a case; it counts in a year when anything was spent on it that year. The team
  (and so municipality) is the case's team.
- Broken off: the case has an ``afgebroken_traject`` event in the year. Failed placement: a
  placement that ended unplanned in the year, within three months of its start
  (as the indicator ``mislukte_plaatsingen``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import Case, EndKind, Event, EventKind
from elkedagbeter.core.privacy import ProtectedCount, Relation, suppress
from elkedagbeter.indicators.incident_indicators import FAILED_WITHIN_MONTHS, add_months
from elkedagbeter.organisations.scoping import Area

from .models import Arrangement, Tariff

# Zero-goal area a cost line belongs to: the closed placements of "0 gesloten plaatsingen", the
# other out-of-home placements of "0 uithuisplaatsingen tegen de wil", the arrangements
# (help at home) of none.
AREA_CLOSED = "gesloten"
AREA_PLACEMENT = "uithuisplaatsing"
AREA_AT_HOME = "thuis"
AREAS = {
    AREA_CLOSED: _("Closed placements (0 closed placements)"),
    AREA_PLACEMENT: _("Other out-of-home placements (0 placements against the will)"),
    AREA_AT_HOME: _("Arrangements (help at home)"),
}
TOTAL = "totaal"

TariffTable = Mapping[tuple[int, str], list[Tariff]]


def tariff_table(region_ids: Iterable[int]) -> dict[tuple[int, str], list[Tariff]]:
    table: dict[tuple[int, str], list[Tariff]] = defaultdict(list)
    for tariff in Tariff.objects.filter(region_id__in=list(region_ids)).order_by("valid_from"):
        table[(tariff.region_id, tariff.key)].append(tariff)
    return table


def days_cost(tariffs: list[Tariff], start: date, end: date) -> int:
    """Cents for the days ``start`` to ``end`` inclusive, each at the tariff valid that day; a
    day no tariff covers costs nothing (shown as "without tariff" in the docs)."""
    total = 0
    for tariff in tariffs:
        first = max(start, tariff.valid_from)
        last = min(end, tariff.valid_to or end)
        if last >= first:
            total += ((last - first).days + 1) * tariff.amount_cents
    return total


def tariff_on(tariffs: list[Tariff], day: date) -> int:
    for tariff in tariffs:
        if tariff.valid_from <= day and (tariff.valid_to is None or day <= tariff.valid_to):
            return tariff.amount_cents
    return 0


@dataclass
class _Trajectory:
    team_id: int
    municipality_id: int | None
    cents: dict[str, int]  # per zero-goal area
    broken_off: bool = False
    failed: bool = False

    @property
    def total(self) -> int:
        return sum(self.cents.values())


def _trajectories(area: Area, year: int, today: date) -> dict[int, _Trajectory]:
    """Every case of the area with a cost in ``year``. Reads plain values, not model instances
    (a region has thousands of placements and arrangements; see bench/costs.py)."""
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    cases = Case.objects.filter(area.team_q("team__"))
    region_ids = set(cases.order_by().values_list("team__region_id", flat=True).distinct())
    tariffs = tariff_table(region_ids)
    found: dict[int, _Trajectory] = {}

    def trajectory(case_id: int, team_id: int, municipality_id: int | None) -> _Trajectory:
        if case_id not in found:
            found[case_id] = _Trajectory(team_id, municipality_id, {})
        return found[case_id]

    team = ("case_id", "case__team_id", "case__team__municipality_id", "case__team__region_id")
    placements = Event.objects.filter(
        case__in=cases, kind=EventKind.PLACEMENT, started_on__lte=last
    ).exclude(residence_type="")
    placements = placements.filter(ended_on__isnull=True) | placements.filter(ended_on__gte=first)
    for (
        case_id,
        team_id,
        municipality_id,
        region_id,
        key,
        started,
        ended,
        end_kind,
    ) in placements.order_by().values_list(
        *team, "residence_type", "started_on", "ended_on", "end_kind"
    ):
        start, end = max(started, first), min(ended or last, last)
        cents = days_cost(tariffs.get((region_id, key), []), start, end)
        line = AREA_CLOSED if key == "13" else AREA_PLACEMENT
        entry = trajectory(case_id, team_id, municipality_id)
        entry.cents[line] = entry.cents.get(line, 0) + cents
        if (
            end_kind == EndKind.UNPLANNED
            and ended is not None
            and first <= ended <= last
            and ended <= add_months(started, FAILED_WITHIN_MONTHS)
        ):
            entry.failed = True
    arrangements = Arrangement.objects.filter(
        case__in=cases, agreed_on__gte=first, agreed_on__lte=last
    )
    for (
        case_id,
        team_id,
        municipality_id,
        region_id,
        level,
        agreed_on,
    ) in arrangements.order_by().values_list(*team, "level", "agreed_on"):
        cents = tariff_on(tariffs.get((region_id, level), []), agreed_on)
        entry = trajectory(case_id, team_id, municipality_id)
        entry.cents[AREA_AT_HOME] = entry.cents.get(AREA_AT_HOME, 0) + cents
    broken = set(
        Event.objects.filter(
            case__in=cases,
            kind=EventKind.BREAKDOWN,
            started_on__gte=first,
            started_on__lte=last,
        ).values_list("case_id", flat=True)
    )
    for case_id in broken & found.keys():
        found[case_id].broken_off = True
    return {pk: t for pk, t in found.items() if t.total > 0}


@dataclass(frozen=True)
class CostRow:
    key: str  # a team or municipality id as text, an area code, or "totaal"
    label: str
    trajectories: ProtectedCount
    spending_cents: int | None  # None when hidden
    mean_cents: int | None

    @property
    def spending_euro(self) -> int | None:
        return None if self.spending_cents is None else round(self.spending_cents / 100)

    @property
    def mean_euro(self) -> int | None:
        return None if self.mean_cents is None else round(self.mean_cents / 100)


def _rows(
    counts: dict[str, int],
    cents: dict[str, int],
    labels: Mapping[str, str],
    *,
    by_label: bool = False,
) -> list[CostRow]:
    """Rows over groups plus the total, with the group counts suppressed along the relation
    total = sum of groups (money always adds up, so the same relation protects the spending).
    The groups in the order given, or with ``by_label`` alphabetically."""
    parts = tuple(key for key in counts if key != TOTAL)
    if by_label:
        parts = tuple(sorted(parts, key=lambda key: (labels.get(key, key), key)))
    protected = suppress(counts, [Relation(TOTAL, parts)] if parts else [])
    rows = []
    for key in (*parts, TOTAL):
        count = protected[key]
        shown = not count.suppressed
        rows.append(
            CostRow(
                key,
                labels.get(key, key),
                count,
                cents[key] if shown else None,
                round(cents[key] / counts[key]) if shown and counts[key] else None,
            )
        )
    return rows


@dataclass(frozen=True)
class CostFigures:
    year: int
    by_municipality: list[CostRow]
    by_team: list[CostRow]
    by_area: list[CostRow]
    broken_off: CostRow
    failed: CostRow


def cost_figures(area: Area, year: int, today: date | None = None) -> CostFigures:
    """Spending in ``year`` by municipality, team and zero-goal area, suppressed, within ``area``
    (the user's aggregate area: organisations.scoping.aggregate_area)."""
    today = today or timezone.localdate()
    trajectories = _trajectories(area, year, today)
    team_names = dict(area.teams().values_list("id", "name"))
    municipality_names = {
        team.municipality_id: team.municipality.name
        for team in area.teams()
        if team.municipality is not None
    }

    def group(key_of: dict[int, str]) -> tuple[dict[str, int], dict[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        cents: dict[str, int] = defaultdict(int)
        for pk, trajectory in trajectories.items():
            key = key_of[pk]
            counts[key] += 1
            cents[key] += trajectory.total
            counts[TOTAL] += 1
            cents[TOTAL] += trajectory.total
        counts.setdefault(TOTAL, 0)
        cents.setdefault(TOTAL, 0)
        return dict(counts), dict(cents)

    total_label = str(_("Total"))
    by_municipality = _rows(
        *group(
            {
                pk: str(t.municipality_id) if t.municipality_id else "regionaal"
                for pk, t in trajectories.items()
            }
        ),
        {
            **{str(k): v for k, v in municipality_names.items()},
            "regionaal": str(_("Regional teams")),
            TOTAL: total_label,
        },
        by_label=True,
    )
    by_team = _rows(
        *group({pk: str(t.team_id) for pk, t in trajectories.items()}),
        {**{str(k): v for k, v in team_names.items()}, TOTAL: total_label},
        by_label=True,
    )
    # By zero-goal area: a trajectory counts in each area it spent in, its money split over them.
    area_counts: dict[str, int] = {key: 0 for key in AREAS}
    area_cents: dict[str, int] = {key: 0 for key in AREAS}
    for trajectory in trajectories.values():
        for line, cents in trajectory.cents.items():
            if cents:
                area_counts[line] += 1
                area_cents[line] += cents
    area_counts[TOTAL] = len(trajectories)
    area_cents[TOTAL] = sum(t.total for t in trajectories.values())
    by_area = _rows(
        area_counts,
        area_cents,
        {**{k: str(v) for k, v in AREAS.items()}, TOTAL: total_label},
    )

    def subset(label: str, chosen: list[_Trajectory]) -> CostRow:
        count = len(chosen)
        protected = suppress({"x": count}, [])["x"]
        cents = sum(t.total for t in chosen)
        shown = not protected.suppressed
        return CostRow(
            label,
            label,
            protected,
            cents if shown else None,
            round(cents / count) if shown and count else None,
        )

    return CostFigures(
        year,
        by_municipality,
        by_team,
        by_area,
        subset(
            str(_("Broken-off trajectories")),
            [t for t in trajectories.values() if t.broken_off],
        ),
        subset(
            str(_("Trajectories with a failed placement")),
            [t for t in trajectories.values() if t.failed],
        ),
    )
