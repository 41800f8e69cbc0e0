"""Benchmark of what the help costs on the demo region. Prints figures; never fails on time.

    [DATABASE_URL=postgres://…] python bench/costs.py

Loads the demo region "Jeugdregio Voorbeeld" (with its illustrative tariffs and arrangements,
``demo/costs.py``) when the database does not have it yet, then measures, warm: the cost figures
of the region for this year and last year (``costs.figures.cost_figures``, the computation
alone), and the page "Wat de hulp kost" and its CSV as the demo analyst. Server time: the request
runs in-process through Django's test client, no network. Without DATABASE_URL it uses a SQLite
file in .tmp/.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
(ROOT / ".tmp").mkdir(exist_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-costs.sqlite3'}")
os.environ.setdefault("ATTENTION_REFRESH_ON_COMMIT", "false")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402

from bench.timing import measure  # noqa: E402
from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.costs.figures import cost_figures  # noqa: E402
from elkedagbeter.costs.models import Arrangement, Tariff  # noqa: E402
from elkedagbeter.demo.region import load_demo_region  # noqa: E402
from elkedagbeter.organisations.models import Region  # noqa: E402
from elkedagbeter.organisations.scoping import Area, aggregate_area  # noqa: E402

DEMO_REGION = "voorbeeld"


def _figures(area: Area, year: int) -> Callable[[], object]:
    return lambda: cost_figures(area, year)


def _getter(client: Client, url: str) -> Callable[[], object]:
    return lambda: client.get(url)


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code=DEMO_REGION).exists():
        started = time.perf_counter()
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            load_demo_region(timezone.localdate())
            mail.outbox = []
        print(f"Demo region loaded in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    region = Region.objects.get(code=DEMO_REGION)
    analyst = User.objects.get(username="analyst")
    area = aggregate_area(analyst)
    year = timezone.localdate().year
    tariffs = Tariff.objects.filter(region=region).count()
    arrangements = Arrangement.objects.filter(case__team__region=region).count()
    figures = cost_figures(area, year)
    print(
        f"demo region ({connection.vendor}): {tariffs} tariffs, {arrangements} arrangements; "
        f"{year}: {len(figures.by_team)} teams, {len(figures.by_municipality)} municipalities"
    )
    for shown in (year, year - 1):
        measure(f"cost figures, demo region, {shown} (computation)", _figures(area, shown))
    client = log_in(Client(), analyst)
    for label, url in (
        ("page Wat de hulp kost, demo analyst", f"/kosten/?jaar={year}"),
        ("CSV export, demo analyst", f"/kosten/export.csv?jaar={year}"),
    ):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        measure(f"{label}, {len(queries)} queries", _getter(client, url))


if __name__ == "__main__":
    main()
