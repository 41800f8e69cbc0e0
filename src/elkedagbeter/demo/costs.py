"""The demo region's tariffs (illustrative 2025 and 2026 amounts, docs/costs.md) and the
arrangement of the trajectories without a placement, so that "Wat de hulp kost" has figures.
Loading twice changes nothing: the import updates tariffs it already has, and a case keeps the
arrangement it was given."""

from __future__ import annotations

import random
from datetime import date

from elkedagbeter.cases.imports import ImportMode
from elkedagbeter.cases.models import Case, EventKind
from elkedagbeter.costs.imports import run_tariff_import
from elkedagbeter.costs.models import Arrangement
from elkedagbeter.organisations.models import Region

# (soort, 2025 amount, 2026 amount) in euro: per day for a hulpvorm met verblijf, per
# trajectory for an arrangement. Illustrative; "zwaar ... bijvoorbeeld 6000 euro" is the seeds'.
TARIFFS: tuple[tuple[str, str, str], ...] = (
    ("11", "72,50", "75,40"),
    ("12", "235,00", "244,40"),
    ("13", "640,00", "665,60"),
    ("14", "385,00", "400,40"),
    ("licht", "1500", "1560"),
    ("midden", "3500", "3640"),
    ("zwaar", "6000", "6240"),
)
# Shares of the trajectories without a placement in each arrangement.
LEVELS: tuple[tuple[str, float], ...] = (("licht", 0.5), ("midden", 0.35), ("zwaar", 0.15))


def tariff_rows(region: Region) -> list[dict[str, str]]:
    rows = []
    for key, amount_2025, amount_2026 in TARIFFS:
        rows.append(
            {
                "regio": region.code,
                "soort": key,
                "bedrag": amount_2025,
                "geldig_van": "2025-01-01",
                "geldig_tot": "2025-12-31",
            }
        )
        rows.append(
            {"regio": region.code, "soort": key, "bedrag": amount_2026, "geldig_van": "2026-01-01"}
        )
    return rows


def load_demo_costs(region: Region, today: date) -> None:
    run_tariff_import(tariff_rows(region), mode=ImportMode.ALL_OR_NOTHING, commit=True)
    rng = random.Random(18)  # noqa: S311 - synthetic data, not security
    cases = (
        Case.objects.filter(team__region=region, arrangement__isnull=True, opened_on__lte=today)
        .exclude(events__kind=EventKind.PLACEMENT)
        .order_by("pk")
    )
    levels = [level for level, _share in LEVELS]
    weights = [share for _level, share in LEVELS]
    Arrangement.objects.bulk_create(
        Arrangement(case=case, level=rng.choices(levels, weights)[0], agreed_on=case.opened_on)
        for case in cases
    )
