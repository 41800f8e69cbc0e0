"""CPU per request, page by page, against a floor. Prints figures; never fails on time.

    DATABASE_URL=postgres://… python bench/request_cpu.py

Needs the demo region in the database (``manage.py load_demo``; scripts/bench.sh loads it before
this runs, with the synthetic preset beside it). Each page is asked REQUESTS times, warm, through
Django's test client in this process, as the demo user who would open it. Measured:

- Python CPU per request: this process's CPU time (the whole request: middleware, view, ORM,
  templates), which is what a gunicorn worker spends;
- PostgreSQL CPU per request: the CPU time of this connection's server process, read from
  /proc (the throwaway server runs on this machine), so only what these pages asked of it;
- queries per request (one request, counted);
- each page's Python CPU as a multiple of the floor: a minimal signed-in page that goes through
  the same session, middleware and base template but reads nothing of its own.

CPU time rather than wall time: it stays stable when other work shares the machine.
With BENCH_PROFILE=1 each page is asked once more under pyinstrument, and where its time goes is
written to .tmp/profiles/<page>.txt.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
(ROOT / ".tmp").mkdir(exist_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-requests.sqlite3'}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.cases.models import Case  # noqa: E402
from elkedagbeter.organisations.models import Membership, Region, Role  # noqa: E402
from elkedagbeter.organisations.scoping import case_team_ids  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
FLOOR_URL = "/bench-floor/"
NATIONAL_VIEWER = "bench-national-viewer"  # the demo's viewer sees one region only


@dataclass(frozen=True)
class Page:
    label: str
    username: str
    urls: Callable[[User], list[str]]
    needs_other_regions: bool = False  # the country dashboard: a synthetic preset beside the demo


def _open_cases(user: User) -> list[str]:
    references = Case.objects.filter(
        team_id__in=case_team_ids(user), closed_on__isnull=True
    ).values_list("reference", flat=True)[:20]
    return [f"/casussen/{reference}/" for reference in references]


PAGES = (
    Page("floor: signed-in page, base template only", "professional", lambda _u: [FLOOR_URL]),
    Page("start page (professional)", "professional", lambda _u: ["/"]),
    Page("case list", "professional", lambda _u: ["/casussen/"]),
    Page("case page (20 open cases in turn)", "professional", _open_cases),
    Page("attention list", "coordinator", lambda _u: ["/aandacht/"]),
    Page("region dashboard by quarter (analyst)", "analyst", lambda _u: ["/beweging-van-0/"]),
    Page(
        "country dashboard by quarter (national viewer)",
        NATIONAL_VIEWER,
        lambda _u: ["/beweging-van-0/?plaats=land&periode=kwartaal"],
        needs_other_regions=True,
    ),
)


def _server_cpu_seconds() -> float | None:
    """CPU seconds of this connection's PostgreSQL server process, or None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(page: Page) -> tuple[float, float | None, int]:
    user = User.objects.get(username=page.username)
    client = log_in(Client(), user)
    urls = page.urls(user)
    for url in urls[:3]:  # warm: templates compiled, caches filled
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0])
    queries = len(captured)  # now: the next request resets the connection's query log
    server_before = _server_cpu_seconds()
    python_before = time.process_time()
    for index in range(REQUESTS):
        client.get(urls[index % len(urls)])
    python_ms = (time.process_time() - python_before) * 1000 / REQUESTS
    server_after = _server_cpu_seconds()
    server_ms = None
    if server_before is not None and server_after is not None:
        server_ms = (server_after - server_before) * 1000 / REQUESTS
    return python_ms, server_ms, queries


def _profile(page: Page, number: int) -> None:
    from pyinstrument import Profiler

    user = User.objects.get(username=page.username)
    client = log_in(Client(), user)
    urls = page.urls(user)
    client.get(urls[0])
    profiler = Profiler(interval=0.0005)
    with profiler:
        for index in range(REQUESTS):
            client.get(urls[index % len(urls)])
    folder = ROOT / ".tmp" / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / f"{number}.txt").write_text(f"{page.label}\n" + profiler.output_text(color=False))


def _national_viewer() -> None:
    user, created = User.objects.get_or_create(username=NATIONAL_VIEWER)
    if created:
        Membership.objects.create(user=user, role=Role.VIEWER)  # no region: the whole country


def main() -> None:
    print(f"CPU per request, {REQUESTS} requests per page, warm ({connection.vendor}):")
    print(f"{'page':<46} {'Python ms':>10} {'PG ms':>7} {'queries':>8} {'x floor':>8}")
    _national_viewer()
    floor = None
    with override_settings(ROOT_URLCONF="bench.floor_urls"):
        for number, page in enumerate(PAGES):
            if page.needs_other_regions and Region.objects.count() < 2:
                print(f"{page.label:<46} (skipped: only one region in the database)")
                continue
            python_ms, server_ms, queries = _measure(page)
            floor = floor or python_ms
            server = f"{server_ms:7.1f}" if server_ms is not None else "      -"
            print(
                f"{page.label:<46} {python_ms:10.1f} {server} {queries:8d} {python_ms / floor:8.1f}"
            )
            if os.environ.get("BENCH_PROFILE"):
                _profile(page, number)


if __name__ == "__main__":
    main()
