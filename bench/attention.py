"""Benchmark of the attention app on generated data. Prints figures; never fails on time.

    DATABASE_URL=postgres://… python bench/attention.py [small|region|sample|national]

Uses the generated region ``synth-1`` when the database has it (``bench/indicators.py`` runs
first in ``scripts/bench.sh``) and generates the preset otherwise. Measures: the signals refresh
for that region (every open case through every rule, first run and again), and, warm, the
attention list ("Mijn aandacht vandaag") of a coordinator whose team has 300 open cases with
generated histories: its first page of 25 lines, the second and the last page, and the start page
that shows the top five.
Server time: the request runs in-process through Django's test client, no network.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
(ROOT / ".tmp").mkdir(exist_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-attention.sqlite3'}")
os.environ.setdefault("ATTENTION_REFRESH_ON_COMMIT", "false")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.timing import measure  # noqa: E402
from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.attention.models import Signal, Status  # noqa: E402
from elkedagbeter.attention.refresh import refresh_cases, refresh_region  # noqa: E402
from elkedagbeter.attention.selectors import Scope, attention_list  # noqa: E402
from elkedagbeter.cases.models import Case  # noqa: E402
from elkedagbeter.demo.actors import SYNTHETIC_ACTOR, system_actor  # noqa: E402
from elkedagbeter.demo.synthetic_cases import history_for, save_histories  # noqa: E402
from elkedagbeter.organisations.models import (  # noqa: E402
    Membership,
    Region,
    Role,
    Team,
    TeamType,
)

TEAM_CASES = 300


@transaction.atomic
def team_with_open_cases(region: Region, count: int) -> Team:
    """A neighbourhood team with ``count`` open cases and generated histories."""
    municipality = Team.objects.filter(region=region).exclude(municipality=None)[0].municipality
    team = Team.objects.create(
        region=region,
        municipality=municipality,
        name="Wijkteam aandacht (bench)",
        team_type=TeamType.NEIGHBOURHOOD,
    )
    rng = random.Random(17)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    author = system_actor(SYNTHETIC_ACTOR)
    cases = [
        Case.objects.create(team=team, opened_on=today - timedelta(days=rng.randint(60, 700)))
        for _ in range(count)
    ]
    save_histories([history_for(case, rng, today, author) for case in cases], today)
    return team


def _getter(client: Client, url: str) -> Callable[[], object]:
    return lambda: client.get(url)


def main() -> None:
    preset = sys.argv[1] if len(sys.argv) > 1 else "region"
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="synth-1").exists():
        started = time.perf_counter()
        call_command("generate_synthetic", preset=preset)
        print(f"Generated and built in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    region = Region.objects.get(code="synth-1")
    open_cases = Case.objects.filter(team__region=region, closed_on__isnull=True).count()

    started = time.perf_counter()
    opened, cleared = refresh_region(region.pk)
    first = time.perf_counter() - started
    print(
        f"signals refresh, one region ({open_cases:,} open cases, {connection.vendor}): "
        f"first run {first:.1f} s, {opened:,} signals opened, {cleared:,} cleared"
    )
    measure(
        "signals refresh, one region, again (nothing new)",
        lambda: refresh_region(region.pk),
        repeat=3,
    )

    team = Team.objects.filter(name="Wijkteam aandacht (bench)").first()
    if team is None:
        team = team_with_open_cases(region, TEAM_CASES)
    refresh_cases(Case.objects.filter(team=team).values_list("id", flat=True))
    user = User.objects.filter(username="bench-attention").first()
    if user is None:
        user = User.objects.create_user(username="bench-attention", password="bench")  # noqa: S106
        Membership.objects.create(user=user, role=Role.COORDINATOR, team=team)
    # A coordinator sees case data: the client passes the second factor with this device.
    TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    lines = attention_list(user, Scope.TEAM)
    signals = Signal.objects.filter(case__team=team, status=Status.OPEN).count()
    print(
        f"team: {TEAM_CASES} open cases, {len(lines)} on the attention list, {signals} open signals"
    )
    client = log_in(Client(), user)
    for label, url in (
        ("attention list, team of 300 open cases (first 25 lines)", "/aandacht/?scope=team"),
        ("attention list, team of 300 open cases (second page)", "/aandacht/?scope=team&pagina=2"),
        ("attention list, team of 300 open cases (last page)", "/aandacht/?scope=team&pagina=99"),
        ("start page with the top five", "/"),
    ):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        measure(f"{label}, {len(queries)} queries", _getter(client, url))


if __name__ == "__main__":
    main()
