"""Benchmark of a decision's effect (``indicators.effects.measure_effect``) on generated data.
Prints figures; never fails on time.

    DATABASE_URL=postgres://… python bench/effects.py [small|region|sample|national]

Uses the generated region ``synth-1`` when the database has it (``bench/indicators.py`` runs
first in ``scripts/bench.sh``) and generates the preset otherwise. Measures, warm: an effect
computed afresh (cache cleared before every run) for a municipality against the other
municipalities of its region, the same for a team against the region's other teams, and an
effect read from the cache, as an O-plaat with several initiatives asks for it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
(ROOT / ".tmp").mkdir(exist_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-effects.sqlite3'}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.timing import measure  # noqa: E402
from elkedagbeter.indicators.effects import Effect, comparable_places, measure_effect  # noqa: E402
from elkedagbeter.indicators.periods import Period, PeriodKind  # noqa: E402
from elkedagbeter.indicators.places import Level, Place, children  # noqa: E402
from elkedagbeter.organisations.models import Region, Team, TeamType  # noqa: E402

INDICATOR = "uhp_gedwongen"  # a count of the zero goals, frequent enough to be measured


def _changed_on() -> date:
    """Six months ago: twelve months before, five or six complete months after."""
    return Period.containing(PeriodKind.MONTH, timezone.localdate()).shifted(-6).start


def _fresh(place: Place) -> Callable[[], Effect]:
    def run() -> Effect:
        cache.clear()
        return measure_effect(INDICATOR, area=place, changed_on=_changed_on())

    return run


def main() -> None:
    preset = sys.argv[1] if len(sys.argv) > 1 else "region"
    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="synth-1").exists():
        started = time.perf_counter()
        call_command("generate_synthetic", preset=preset)
        print(f"Generated and built in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    region = Region.objects.get(code="synth-1")
    region_place = Place(Level.REGION, region.pk, region.name, region_id=region.pk)
    municipality = children(region_place)[0]
    team = Team.objects.filter(region=region, team_type=TeamType.NEIGHBOURHOOD).order_by("pk")[0]
    team_place = Place(
        Level.TEAM,
        team.pk,
        team.name,
        region_id=team.region_id,
        municipality_id=team.municipality_id,
    )
    print(
        f"{connection.vendor}: a municipality against {len(comparable_places(municipality))} "
        f"others, a team against {len(comparable_places(team_place))} others"
    )

    for label, place in (("municipality", municipality), ("team", team_place)):
        effect = _fresh(place)()
        print(
            f"  {label}: {effect.verdict} ({effect.reason}), estimate {effect.estimate}, "
            f"{effect.months_before}+{effect.months_after} months"
        )
        measure(f"effect of a decision, one {label}, computed", _fresh(place))
    _fresh(municipality)()
    measure(
        "effect of a decision, one municipality, from the cache",
        lambda: measure_effect(INDICATOR, area=municipality, changed_on=_changed_on()),
    )


if __name__ == "__main__":
    main()
