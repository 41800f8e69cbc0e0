"""Issue 18 part 6: the import (CSV and XLSX) and the API take every field and event kind added
for the zero goals and critical incidents (parts 1 to 3), with a Dutch error on the row and
column, or the API field, that is wrong. Continuity (part 4) adds no field: it is derived from
events, plans, forms and involvements that the import and the API already carry."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import World
from elkedagbeter.api.tests.conftest import bearer_client, post_json, token_for
from elkedagbeter.cases.imports import COLUMNS, ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import Case, Event, EventKind, HouseholdMember, MemberRole
from elkedagbeter.cases.tests.test_import import _xlsx

pytestmark = pytest.mark.django_db

NEW_COLUMNS = [
    "instemming_ouder",
    "instemming_andere_ouder",
    "instemming_jeugdige",
    "reden_uitgelegd",
    "beeindiging",
    "vorm_separatie",
    "diagnose",
]
HEADER = ["casus", "soort", "datum", "einddatum", "jeugdige_geboortejaar", "hulpvorm"]
HEADER += ["juridische_grond", "duur_minuten", "plaats", *NEW_COLUMNS]


def _row(kind: str, day: str, **values: object) -> list[object]:
    row: dict[str, object] = {"casus": "WT-1", "soort": kind, "datum": day, **values}
    return [row.get(column, "") for column in HEADER]


def test_every_new_column_is_an_import_column() -> None:
    _required, optional = COLUMNS[ImportKind.EVENTS]
    assert set(NEW_COLUMNS) <= set(optional)


def test_an_excel_file_carries_every_new_field_and_kind(world: World) -> None:
    Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2024, 1, 1))
    placement = {"hulpvorm": 11, "juridische_grond": "ots", "jeugdige_geboortejaar": 2012}
    good = [
        _row(
            "uithuisplaatsing",
            "2025-03-01",
            einddatum="2025-04-20",
            beeindiging="ongepland",
            instemming_ouder="nee",
            instemming_andere_ouder="nvt",
            instemming_jeugdige="ja",
            reden_uitgelegd="nee",
            **placement,
        ),
        _row("thuisplaatsing", "2025-04-20", jeugdige_geboortejaar=2012),
        _row(
            "separatie",
            "2025-05-01",
            duur_minuten=30,
            plaats="eigen kamer",
            vorm_separatie="afzondering",
            jeugdige_geboortejaar=2012,
        ),
        _row("diagnose", "2025-05-02", diagnose="autisme", jeugdige_geboortejaar=2012),
        _row("hervictimisatie", "2025-05-03", jeugdige_geboortejaar=2012),
        _row("suicidepoging", "2025-05-04", jeugdige_geboortejaar=2012),
        _row("suicide", "2025-05-05", jeugdige_geboortejaar=2012),
    ]
    bad = [
        _row("suicide", "2025-05-06", jeugdige_geboortejaar=2012),  # a second suicide
        _row("crisis", "2025-05-07", reden_uitgelegd="nee"),
        _row("separatie", "2025-05-08", duur_minuten=5, plaats="kamer", vorm_separatie="kast"),
        _row("suicide", "2025-05-09"),  # no youth
    ]
    table: list[list[object]] = [list(HEADER), *good, *bad]
    rows = read_rows(io.BytesIO(_xlsx(table)), "gebeurtenissen.xlsx")

    report = run_import(
        rows, kind=ImportKind.EVENTS, team=world.team_a, mode=ImportMode.GOOD_ROWS, commit=True
    )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert set(problems) == {
        (9, "soort"),
        (10, "reden_uitgelegd"),
        (11, "vorm_separatie"),
        (12, "jeugdige_geboortejaar"),
    }, problems
    assert problems[(9, "soort")] == "Voor deze jeugdige is al een suïcide vastgelegd."
    assert problems[(10, "reden_uitgelegd")] == (
        "Of de reden is uitgelegd, wordt alleen bij een uithuisplaatsing vastgelegd."
    )
    assert problems[(11, "vorm_separatie")].startswith("“kast” is niet een van:")
    assert problems[(12, "jeugdige_geboortejaar")] == "Kies de jeugdige bij wie dit gebeurde."
    assert report.imported == len(good)
    placement_event = Event.objects.get(kind=EventKind.PLACEMENT)
    assert (placement_event.end_kind, placement_event.reason_explained) == ("ongepland", "nee")
    assert (
        placement_event.parent_agreed,
        placement_event.other_parent_agreed,
        placement_event.youth_agreed,
    ) == ("nee", "nvt", "ja")
    assert Event.objects.get(kind=EventKind.SECLUSION).seclusion_form == "afzondering"
    assert Event.objects.get(kind=EventKind.DIAGNOSIS).diagnosis == "autisme"


def test_the_api_takes_the_new_fields_with_dutch_errors(world: World) -> None:
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012
    )
    client = bearer_client(token_for(world.user("professional")))
    url = f"/api/v1/casussen/{world.case_a.reference}/gebeurtenissen"
    day = str(timezone.localdate() - timedelta(days=30))
    later = str(timezone.localdate() - timedelta(days=3))

    placement = {
        "soort": "uithuisplaatsing",
        "gezinslid": youth.pk,
        "datum": day,
        "einddatum": later,
        "hulpvormVerblijf": "11",
        "juridischeGrond": "ots",
        "beeindiging": "gepland",
        "redenUitgelegd": "ja",
    }
    response = post_json(client, url, placement)
    assert response.status_code == 201, response.json()
    assert (response.json()["beeindiging"], response.json()["redenUitgelegd"]) == ("gepland", "ja")

    seclusion = {
        "soort": "separatie",
        "gezinslid": youth.pk,
        "datum": later,
        "duurMinuten": 20,
        "plaats": "eigen kamer",
        "vormSeparatie": "afzondering",
    }
    response = post_json(client, url, seclusion)
    assert response.status_code == 201, response.json()
    assert response.json()["vormSeparatie"] == "afzondering"

    for kind in ("thuisplaatsing", "hervictimisatie", "suicidepoging", "suicide"):
        response = post_json(client, url, {"soort": kind, "gezinslid": youth.pk, "datum": later})
        assert response.status_code == 201, (kind, response.json())

    refused = {
        "field on the wrong kind": (
            {"soort": "crisis", "datum": later, "redenUitgelegd": "nee"},
            "redenUitgelegd",
        ),
        "a second suicide": ({"soort": "suicide", "gezinslid": youth.pk, "datum": later}, None),
        "no youth": ({"soort": "hervictimisatie", "datum": later}, "gezinslid"),
        "unknown form": (
            {**seclusion, "vormSeparatie": "kast"},
            "vormSeparatie",
        ),
    }
    for what, (body, field) in refused.items():
        response = post_json(client, url, body, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 400, what
        params = response.json()["invalidParams"]
        if field is not None:
            assert field in {p["name"] for p in params}, (what, params)
        reasons = " ".join(p["reason"] for p in params)
        assert any(word in reasons for word in ("alleen", "Kies", "geldige", "suïcide")), (
            what,
            reasons,
        )
