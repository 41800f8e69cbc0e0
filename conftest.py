"""Shared test personas, after healthchecks' alice/bob/charlie: one user per role in a small world.

Region "Noord" has municipalities Aa (teams A and B) and Bee (team C) and an expert team X;
region "Zuid" has team D. ``professional`` and ``coordinator`` work in team A, ``outsider`` in
team B, ``expert`` in X, ``analyst`` and ``admin`` for region Noord, ``viewer`` nationally.
Case ``case_a`` belongs to team A, ``case_b`` to team B, ``case_escalated`` to team B and is
escalated to X.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from hypothesis import HealthCheck, settings

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.models import Membership, Region, Role, Team
from elkedagbeter.organisations.tests.factories import (
    ExpertTeamFactory,
    MunicipalityFactory,
    RegionFactory,
    TeamFactory,
)

ROLES = ["professional", "coordinator", "expert", "analyst", "viewer", "admin"]


@dataclass
class World:
    north: Region
    south: Region
    team_a: Team
    team_b: Team
    team_c: Team
    team_d: Team
    expert_team: Team
    users: dict[str, User]
    case_a: Case
    case_b: Case
    case_escalated: Case

    def user(self, persona: str) -> User:
        return self.users[persona]


def _member(username: str, role: Role, **scope: object) -> User:
    user = UserFactory(username=username)
    Membership.objects.create(user=user, role=role, **scope)
    if role in {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ADMIN}:
        TOTPDeviceFactory(user=user)
    return user


@pytest.fixture(autouse=True)
def _no_kept_fragments() -> None:
    """Each test renders afresh: HTML kept per process (the "fragments" cache) starts empty."""
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the site's language: a request in English leaves English active on
    the thread, and a later test's Dutch message would then depend on the order of tests."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def world(db: None) -> World:
    north = RegionFactory(name="Jeugdregio Noord", code="noord")
    south = RegionFactory(name="Jeugdregio Zuid", code="zuid")
    aa = MunicipalityFactory(region=north, name="Aa")
    bee = MunicipalityFactory(region=north, name="Bee")
    zee = MunicipalityFactory(region=south, name="Zee")
    team_a = TeamFactory(municipality=aa, name="Wijkteam A")
    team_b = TeamFactory(municipality=aa, name="Wijkteam B")
    team_c = TeamFactory(municipality=bee, name="Wijkteam C")
    team_d = TeamFactory(municipality=zee, name="Wijkteam D")
    expert_team = ExpertTeamFactory(region=north, name="Expertteam Noord")
    users = {
        "professional": _member("professional", Role.PROFESSIONAL, team=team_a),
        "coordinator": _member("coordinator", Role.COORDINATOR, team=team_a),
        "outsider": _member("outsider", Role.PROFESSIONAL, team=team_b),
        "expert": _member("expert", Role.EXPERT, team=expert_team),
        "analyst": _member("analyst", Role.ANALYST, region=north),
        "viewer": _member("viewer", Role.VIEWER),
        "admin": _member("admin", Role.ADMIN, region=north),
    }
    return World(
        north=north,
        south=south,
        team_a=team_a,
        team_b=team_b,
        team_c=team_c,
        team_d=team_d,
        expert_team=expert_team,
        users=users,
        case_a=CaseFactory(team=team_a),
        case_b=CaseFactory(team=team_b),
        case_escalated=CaseFactory(team=team_b, escalated_to=expert_team),
    )


def log_in(client: Client, user: User, *, second_factor: bool = True) -> Client:
    """Log a test client in, with the second factor passed unless told otherwise."""
    client.force_login(user)
    if second_factor:
        device = user.totpdevice_set.filter(confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


@pytest.fixture
def client_for(world: World, client: Client):
    """``client_for("professional")`` returns a logged-in client for that persona."""

    def make(persona: str | None) -> Client:
        if persona is None:
            return client
        return log_in(Client(), world.user(persona))

    return make


# --- Fuzzing -------------------------------------------------------------------------------------
# One hypothesis profile for the fuzz tests (docs/fuzzing.md): a few examples per property in the
# ordinary run, FUZZ_EXAMPLES=<n> for a longer one (scripts/bench.sh). Generated cases are counted
# in FUZZ_COUNTS and printed at the end of the run. The ordinary run draws the same examples every
# time (derandomize), so `make test` passes or fails alike on every machine; the longer run
# explores new inputs and prints a seed for anything it finds.

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 6)
settings.register_profile(
    "fuzz",
    max_examples=FUZZ_EXAMPLES,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
fuzz_settings = settings.get_profile("fuzz")
FUZZ_COUNTS: Counter[str] = Counter()
# Per name, what became of the cases: status codes for the API, outcomes for the imports.
FUZZ_OUTCOMES: defaultdict[str, Counter[str]] = defaultdict(Counter)


def count_fuzz_case(name: str, outcome: str) -> None:
    FUZZ_COUNTS[name] += 1
    FUZZ_OUTCOMES[name][outcome] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FUZZ_COUNTS:
        return
    terminalreporter.section(f"fuzzing: generated cases (FUZZ_EXAMPLES={FUZZ_EXAMPLES})")
    for name, count in sorted(FUZZ_COUNTS.items()):
        outcomes = ", ".join(f"{key}: {n}" for key, n in sorted(FUZZ_OUTCOMES[name].items()))
        terminalreporter.write_line(f"{count:8d}  {name}  [{outcomes}]")
    terminalreporter.write_line(f"{sum(FUZZ_COUNTS.values()):8d}  in all")


def postgres_only(reason: str) -> pytest.MarkDecorator:
    """Skip a test on the embedded SQLite database: what it tests (row locks, a second
    writer) exists only on PostgreSQL, where the suite runs it (marker ``postgres``)."""
    engine = django_settings.DATABASES["default"]["ENGINE"]
    return pytest.mark.skipif(engine != "django.db.backends.postgresql", reason=reason)
