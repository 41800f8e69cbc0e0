"""The synthetic demo region "Jeugdregio Voorbeeld". Every name here is invented.

Loading is idempotent: organisations and accounts are found by name, and cases are only added to
teams that have none, so running ``make demo`` twice leaves the same data.
"""

from __future__ import annotations

import binascii
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.totp import DEVICE_NAME, secret_base32
from elkedagbeter.api.actions import PREFIX_LENGTH, token_digest
from elkedagbeter.api.models import ApiToken
from elkedagbeter.cases.models import Case
from elkedagbeter.demo.actors import DEMO_ACTOR, system_actor
from elkedagbeter.demo.attention import load_demo_attention, load_demo_timings
from elkedagbeter.demo.bottlenecks import load_demo_bottlenecks
from elkedagbeter.demo.costs import load_demo_costs
from elkedagbeter.demo.knowledge import load_knowledge
from elkedagbeter.demo.loop import SECLUSIONS, load_loop
from elkedagbeter.demo.loop import practice as loop_practice
from elkedagbeter.demo.reviews import load_demo_reviews
from elkedagbeter.demo.stories import load_demo_stories
from elkedagbeter.demo.synthetic_cases import AnalysisFirst, fill_case
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import RegionalAmbition
from elkedagbeter.knowledge import sources as search_sources
from elkedagbeter.organisations.actions import grant_by_operator
from elkedagbeter.organisations.models import (
    Membership,
    Municipality,
    Region,
    Role,
    Team,
    TeamType,
)

DEMO_PASSWORD = "demo-elke-dag-beter"  # noqa: S105 - printed for the demo on purpose
# Fixed so the printed token keeps working across `make demo` runs; demo mode only.
DEMO_API_TOKEN = "edb_demo-professional-api-token"  # noqa: S105
REGION_NAME = "Jeugdregio Voorbeeld"
MUNICIPALITIES = {
    "Beekdal": ("GM9901", ["Wijkteam Beekdal-Noord", "Wijkteam Beekdal-Zuid"]),
    "Hoogveen": ("GM9902", ["Wijkteam Hoogveen-Centrum", "Wijkteam Hoogveen-Oost"]),
    "Lindewaard": ("GM9903", ["Wijkteam Lindewaard", "Wijkteam Lindewaard-Buiten"]),
    "Rietmeer": ("GM9904", ["Wijkteam Rietmeer", "Wijkteam Rietmeer-Polder"]),
    "Zandhove": ("GM9905", ["Wijkteam Zandhove-West", "Wijkteam Zandhove-Oost"]),
    "Eikendonk": ("GM9906", ["Wijkteam Eikendonk", "Wijkteam Eikendonk-Dorpen"]),
}
EXPERT_TEAM = "Expertteam Jeugdregio Voorbeeld"
PROVIDER = "Aanbieder De Horizon, locatie Hoogveen"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    scope: str
    totp_secret: str | None


@dataclass(frozen=True)
class _Account:
    username: str
    first_name: str
    last_name: str
    role: Role
    team: str | None = None
    municipality: str | None = None
    region: bool = False


ACCOUNTS = [
    _Account("professional", "Sanne", "Demo", Role.PROFESSIONAL, team="Wijkteam Beekdal-Noord"),
    _Account("coordinator", "Joris", "Demo", Role.COORDINATOR, team="Wijkteam Beekdal-Noord"),
    _Account("expert", "Fatima", "Demo", Role.EXPERT, team=EXPERT_TEAM),
    # A second reviewer, so the demo's dossier reviews are read twice.
    _Account("expert2", "Daan", "Demo", Role.EXPERT, team=EXPERT_TEAM),
    _Account("analyst", "Pieter", "Demo", Role.ANALYST, region=True),
    _Account("gemeente", "Ilse", "Demo", Role.ANALYST, municipality="Beekdal"),
    _Account("viewer", "Marleen", "Demo", Role.VIEWER, region=True),
    _Account("admin", "Ruben", "Demo", Role.ADMIN, region=True),
]


def _organisations() -> tuple[Region, dict[str, Team]]:
    region, _ = Region.objects.get_or_create(code="voorbeeld", defaults={"name": REGION_NAME})
    teams: dict[str, Team] = {}
    for name, (cbs_code, team_names) in MUNICIPALITIES.items():
        municipality, _ = Municipality.objects.get_or_create(
            cbs_code=cbs_code, defaults={"name": name, "region": region}
        )
        for team_name in team_names:
            teams[team_name], _ = Team.objects.get_or_create(
                region=region,
                name=team_name,
                defaults={"municipality": municipality, "team_type": TeamType.NEIGHBOURHOOD},
            )
    teams[EXPERT_TEAM], _ = Team.objects.get_or_create(
        region=region, name=EXPERT_TEAM, defaults={"team_type": TeamType.EXPERT}
    )
    hoogveen = Municipality.objects.get(cbs_code="GM9902")
    teams[PROVIDER], _ = Team.objects.get_or_create(
        region=region,
        name=PROVIDER,
        defaults={"municipality": hoogveen, "team_type": TeamType.PROVIDER},
    )
    return region, teams


def _demo_secret(username: str) -> bytes:
    # Fixed per account so the printed key stays valid across `make demo` runs.
    return f"edb-demo-{username}".encode().ljust(20, b"0")[:20]


def grant_demo_membership(
    user: User,
    role: Role,
    team: Team | None,
    municipality: Municipality | None,
    region: Region | None,
) -> None:
    """Every membership the demo grants goes through here: as an operator's grant from the
    command line (logged with the name ``load_demo``), the way an installation gets its first
    people; in the product a case role then takes a second person's approval."""
    given = Membership.objects.filter(
        user=user, role=role, team=team, municipality=municipality, region=region
    )
    if not given.exists():
        grant_by_operator(
            user=user,
            role=role,
            operator="load_demo",
            team=team,
            municipality=municipality,
            region=region,
        )


def _account(spec: _Account, region: Region, teams: dict[str, Team]) -> DemoLogin:
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@demo.elkedagbeter.invalid",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    team = teams[spec.team] if spec.team else None
    municipality = (
        Municipality.objects.get(region=region, name=spec.municipality)
        if spec.municipality
        else None
    )
    grant_demo_membership(user, spec.role, team, municipality, region if spec.region else None)
    secret = None
    if spec.role in {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ADMIN}:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user,
            name=DEVICE_NAME,
            defaults={
                "key": binascii.hexlify(_demo_secret(spec.username)).decode(),
                "confirmed": True,
            },
        )
        secret = secret_base32(device)
    scope = str(team or municipality or region)
    return DemoLogin(spec.username, spec.role, scope, secret)


def _cases(teams: dict[str, Team], today: date, practice: AnalysisFirst) -> None:
    rng = random.Random(20261123)  # noqa: S311 - synthetic data, not security
    expert = teams[EXPERT_TEAM]
    author = system_actor(DEMO_ACTOR)
    for team in teams.values():
        if team.team_type != TeamType.NEIGHBOURHOOD or team.cases.exists():
            continue
        for index in range(rng.randint(90, 125)):
            opened = today - timedelta(days=rng.randint(10, 1300))
            ends = opened + timedelta(days=rng.randint(60, 720))
            # A case whose end lies ahead is still open, not closed today.
            closed = ends if ends < today else None
            case = Case.objects.create(
                team=team,
                opened_on=opened,
                closed_on=closed,
                escalated_to=expert if index == 0 and closed is None else None,
            )
            fill_case(case, rng, today, author, SECLUSIONS, practice)


# The demo region's own O-platen: "goed genoeg" per year, baseline, who, what is running.
AMBITIONS = {
    "separaties": (10, "Jeugdzorgaanbieder De Horizon\nExpertteam\nOuders en jongeren"),
    "gesloten": (3, "Gemeenten Beekdal, Hoogveen en Lindewaard\nRaad voor de Kinderbescherming"),
    "zonder_analyse": (0.10, "Wijkteams\nHuisartsen"),
}
INITIATIVES = "Leertafel separatievrij werken\nPilot gezinshuis in plaats van gesloten plaatsing"


def _thresholds(region: Region) -> None:
    for code, (value, who) in AMBITIONS.items():
        RegionalAmbition.objects.get_or_create(
            region=region,
            zero_goal=code,
            defaults={
                "good_enough": value,
                "baseline_year": 2025,
                "who_we_need": who,
                "initiatives": INITIATIVES if code == "separaties" else "",
            },
        )


def _api_token(user: User) -> None:
    ApiToken.objects.get_or_create(
        token_hash=token_digest(DEMO_API_TOKEN),
        defaults={"user": user, "name": "Demo", "prefix": DEMO_API_TOKEN[:PREFIX_LENGTH]},
    )


@transaction.atomic
def load_demo_region(today: date) -> list[DemoLogin]:
    region, teams = _organisations()
    logins = [_account(spec, region, teams) for spec in ACCOUNTS]
    _cases(teams, today, loop_practice(region, today))
    _api_token(User.objects.get(username="professional"))
    _thresholds(region)
    load_demo_bottlenecks(region, teams, today)
    load_knowledge(region, teams, coordinator_team="Wijkteam Beekdal-Noord", today=today)
    load_demo_timings(region, today)
    facts.rebuild()
    load_demo_reviews(
        teams[EXPERT_TEAM],
        [User.objects.get(username="expert"), User.objects.get(username="expert2")],
        consenting=teams["Wijkteam Beekdal-Noord"],
        coordinator=User.objects.get(username="coordinator"),
    )
    load_demo_stories(region, today)
    load_loop(region, today)
    load_demo_attention(
        region,
        teams["Wijkteam Beekdal-Noord"],
        User.objects.get(username="professional"),
        User.objects.get(username="coordinator"),
        today,
        expert=User.objects.get(username="expert"),
        expert_team=teams[EXPERT_TEAM],
    )
    load_demo_costs(region, today)  # last: the steps above add cases too
    search_sources.rebuild()  # the generators bulk-create, which the index's signals do not see
    return logins
