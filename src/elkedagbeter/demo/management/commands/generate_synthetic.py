"""Generate synthetic youth regions with case histories, for benchmarks and load tests.

    manage.py generate_synthetic --preset region      # 1 region, 5,000 cases
    manage.py generate_synthetic --preset national --no-protection
        # 42 regions, 500,000 cases, ~10M events, in about an hour; protecting their figures
        # across pages (``refresh_indicators --protect``) takes four to five hours more

Data is generated, never committed. Regions are named "Synthetische regio N" (code synth-N);
running again adds nothing for regions that already exist, except cases for the teams a run that
was interrupted left empty.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import Case, new_case_reference
from elkedagbeter.demo.actors import SYNTHETIC_ACTOR, system_actor
from elkedagbeter.demo.synthetic_cases import history_for, save_histories
from elkedagbeter.indicators import facts
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType


@dataclass(frozen=True)
class Preset:
    regions: int
    cases: int
    extra_events: int  # added per case on average, on top of the realistic histories


PRESETS = {
    "small": Preset(regions=1, cases=500, extra_events=0),
    "region": Preset(regions=1, cases=5_000, extra_events=0),
    "sample": Preset(regions=42, cases=42_000, extra_events=4),
    "national": Preset(regions=42, cases=500_000, extra_events=18),
}
MUNICIPALITIES_PER_REGION = 8
TEAMS_PER_MUNICIPALITY = 4
BATCH = 2_000


class Command(BaseCommand):
    help = "Generate synthetic regions, teams and case histories (never commit the result)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
        parser.add_argument("--cases", type=int, help="Total cases (overrides the preset).")
        parser.add_argument("--regions", type=int, help="Regions (overrides the preset).")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--no-figures", action="store_true", help="Do not rebuild the Beweging van 0 figures."
        )
        parser.add_argument(
            "--no-protection",
            action="store_true",
            help="Build the figures but leave their protection against small numbers across "
            "pages to `refresh_indicators --protect` (hours on the national preset).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        preset = PRESETS[options["preset"]]
        regions = options["regions"] or preset.regions
        total = options["cases"] or preset.cases
        rng = random.Random(options["seed"])  # noqa: S311 - synthetic data, not security
        started = time.perf_counter()
        teams = [team for index in range(regions) for team in _region(index)]
        author = system_actor(SYNTHETIC_ACTOR)
        per_team = max(1, total // (regions * MUNICIPALITIES_PER_REGION * TEAMS_PER_MUNICIPALITY))
        written = 0
        for offset in range(0, len(teams), max(1, BATCH // per_team)):
            chunk = teams[offset : offset + max(1, BATCH // per_team)]
            written += _cases_for(chunk, per_team, rng, preset.extra_events, author)
            self.stdout.write(f"\r{written:>9,} cases", ending="")
            self.stdout.flush()
        self.stdout.write(
            f"\nGenerated {written:,} cases in {len(teams):,} teams of {regions} regions "
            f"in {time.perf_counter() - started:.0f} s."
        )
        if not options["no_figures"]:
            started = time.perf_counter()
            rows = facts.rebuild(protect=not options["no_protection"])
            self.stdout.write(
                f"Built {rows:,} rows of figures in {time.perf_counter() - started:.0f} s."
            )


def _region(index: int) -> list[Team]:
    region, created = Region.objects.get_or_create(
        code=f"synth-{index + 1}", defaults={"name": f"Synthetische regio {index + 1}"}
    )
    if not created:  # teams an interrupted run left without cases, if any
        return list(Team.objects.filter(region=region, cases__isnull=True))
    teams = []
    for m in range(MUNICIPALITIES_PER_REGION):
        municipality = Municipality.objects.create(
            region=region, name=f"Gemeente {index + 1}-{m + 1}", cbs_code=f"GM8{index:02d}{m}"
        )
        teams += Team.objects.bulk_create(
            Team(
                region=region,
                municipality=municipality,
                name=f"Wijkteam {index + 1}-{m + 1}-{t + 1}",
                team_type=TeamType.NEIGHBOURHOOD,
            )
            for t in range(TEAMS_PER_MUNICIPALITY)
        )
    return teams


def _unique_references(count: int) -> list[str]:
    """``count`` new case references, none in use: among half a million cases two random ones
    meet now and then (a national run once stopped on one)."""
    references: set[str] = set()
    while len(references) < count:
        drawn = {new_case_reference() for _ in range(count - len(references))} - references
        taken = Case.objects.filter(reference__in=drawn).values_list("reference", flat=True)
        references |= drawn - set(taken)
    return sorted(references)


@transaction.atomic
def _cases_for(
    teams: list[Team], per_team: int, rng: random.Random, extra_events: int, author: User
) -> int:
    today = timezone.localdate()
    references = iter(_unique_references(len(teams) * per_team))
    cases = []
    for team in teams:
        for _ in range(per_team):
            opened = today - timedelta(days=rng.randint(10, 1500))
            closed = None
            if rng.random() < 0.4:
                closed = min(today, opened + timedelta(days=rng.randint(30, 500)))
            cases.append(
                Case(reference=next(references), team=team, opened_on=opened, closed_on=closed)
            )
    Case.objects.bulk_create(cases, batch_size=5000)
    save_histories(
        [history_for(c, rng, today, author, extra_events=extra_events) for c in cases], today
    )
    return len(cases)
