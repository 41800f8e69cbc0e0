"""Benchmarks for the foundation: scoped case lists, area figures and the access-log search on a
generated data set of realistic size. Prints figures; it never fails on time.

    make bench                      # SQLite file in .tmp/
    DATABASE_URL=postgres://… make bench
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench.sqlite3'}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.timing import measure  # noqa: E402
from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.api.actions import issue_token  # noqa: E402
from elkedagbeter.audit.models import (  # noqa: E402
    AccessLogEntry,
    ActionCode,
    AuthorisationRule,
    EventCode,
    Result,
)
from elkedagbeter.cases.models import Case, new_case_reference  # noqa: E402
from elkedagbeter.demo.synthetic_cases import history_for, save_histories  # noqa: E402
from elkedagbeter.organisations.models import Membership, Municipality, Region, Role, Team, TeamType  # noqa: E402

REGIONS, MUNICIPALITIES, TEAMS, CASES_PER_TEAM, LOG_ENTRIES = 42, 8, 4, 120, 300_000


def generate() -> dict[str, User]:
    today = timezone.localdate()
    teams = []
    for r in range(REGIONS):
        region = Region.objects.create(name=f"Jeugdregio {r}", code=f"regio-{r}")
        for m in range(MUNICIPALITIES):
            municipality = Municipality.objects.create(
                region=region, name=f"Gemeente {r}-{m}", cbs_code=f"GM{r:02d}{m:02d}"
            )
            teams += Team.objects.bulk_create(
                Team(
                    region=region,
                    municipality=municipality,
                    name=f"Wijkteam {r}-{m}-{t}",
                    team_type=TeamType.NEIGHBOURHOOD,
                )
                for t in range(TEAMS)
            )
    Case.objects.bulk_create(
        (
            Case(reference=new_case_reference(), team=team, opened_on=today)
            for team in teams
            for _ in range(CASES_PER_TEAM)
        ),
        batch_size=5000,
    )
    AccessLogEntry.objects.bulk_create(
        (
            AccessLogEntry(
                event_code=EventCode.CASE_READ,
                action_code=ActionCode.READ,
                result=Result.SUCCESS,
                authorisation_rule=AuthorisationRule.TEAM_MEMBERSHIP,
                user_display=f"user{i % 900}",
                region_code=f"regio-{i % REGIONS}",
                object_type="casus",
                object_ref=f"C-{i:09d}",
            )
            for i in range(LOG_ENTRIES)
        ),
        batch_size=5000,
    )
    first = teams[0]
    rng = random.Random(7)  # noqa: S311 - synthetic data
    own_cases = list(Case.objects.filter(team=first))
    save_histories([history_for(case, rng, today, extra_events=9) for case in own_cases], today)
    users = {
        "professional": _user("professional", Role.PROFESSIONAL, team=first),
        "analyst": _user("analyst", Role.ANALYST, region=first.region),
        "admin": _user("admin", Role.ADMIN, region=first.region),
    }
    return users


def _user(username: str, role: Role, **scope: object) -> User:
    user = User.objects.create_user(username=username, password="bench")  # noqa: S106
    Membership.objects.create(user=user, role=role, **scope)
    TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def main() -> None:
    database = os.environ["DATABASE_URL"]
    if database.startswith("sqlite:///"):
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    setup_test_environment()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    users = generate()
    print(
        f"Generated {REGIONS} regions, {Team.objects.count()} teams, {Case.objects.count()} cases, "
        f"{AccessLogEntry.objects.count()} access-log entries in "
        f"{time.perf_counter() - started:.1f} s ({database.split('://')[0]})"
    )
    clients = {name: log_in(Client(), user) for name, user in users.items()}
    measure(
        "case list, professional (first page)", lambda: clients["professional"].get("/casussen/")
    )
    busiest = (
        Case.objects.filter(team__name="Wijkteam 0-0-0")
        .annotate(n=Count("events"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    measure(
        f"case page, professional ({busiest.n} events, full history)",
        lambda: clients["professional"].get(f"/casussen/{busiest.reference}/"),
    )
    _token, secret = issue_token(users["professional"], name="bench", valid_for=None)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    measure(
        "API case list, professional (100 per page)",
        lambda: api.get("/api/v1/casussen?pageSize=100"),
    )
    measure(
        f"API events of one case, professional ({busiest.n} events, 100 per page)",
        lambda: api.get(f"/api/v1/casussen/{busiest.reference}/gebeurtenissen?pageSize=100"),
    )
    measure("home page with area figures, analyst (region)", lambda: clients["analyst"].get("/"))
    measure(
        "access-log search, admin (region, no filter)",
        lambda: clients["admin"].get("/beheer/toegangslog/"),
    )
    measure(
        "access-log search, admin (one case number)",
        lambda: clients["admin"].get("/beheer/toegangslog/?object_ref=C-000000042"),
    )


if __name__ == "__main__":
    main()
