"""A case's arrangement recorded by those who work on the case: on the case page, in the case
import and through the API. Every write is logged and kept in the case's history; a bad level
or date gets a Dutch error that names the field (and in the import the row)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.api.tests.conftest import bearer_client, token_for
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.imports import COLUMNS, ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import Case, ChangeRecord
from elkedagbeter.costs.models import Arrangement

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

ClientFactory = Callable[[str | None], Client]  # the conftest's client_for


@pytest.fixture
def api(world: World) -> ClientFactory:
    def make(persona: str | None) -> Client:
        return bearer_client(token_for(world.user(persona)) if persona else None)

    return make


def _started_long_ago(case: Case) -> Case:
    case.opened_on = TODAY - timedelta(days=400)
    case.save(update_fields=["opened_on"])
    return case


# --- The case page ------------------------------------------------------------------------------


def test_the_case_page_shows_the_form_and_then_the_arrangement(
    world: World, client_for: ClientFactory
) -> None:
    client = client_for("professional")
    page = client.get(reverse("cases:detail", args=[world.case_a.reference])).content.decode()
    assert "Voor deze casus is geen arrangement vastgelegd." in page
    assert reverse("costs:arrangement", args=[world.case_a.reference]) in page

    response = client.post(
        reverse("costs:arrangement", args=[world.case_a.reference]),
        {"level": "midden", "agreed_on": TODAY.isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"/casussen/{world.case_a.reference}/#arrangement")
    arrangement = Arrangement.objects.get(case=world.case_a)
    assert (arrangement.level, arrangement.agreed_on) == ("midden", TODAY)
    page = client.get(reverse("cases:detail", args=[world.case_a.reference])).content.decode()
    assert "Arrangement: midden, afgesproken op" in page
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_UPDATE,
        object_ref=world.case_a.reference,
        reason__startswith="arr",
    ).exists()
    assert ChangeRecord.objects.filter(case=world.case_a, object_type="arrangement").exists()


def test_a_change_is_kept_as_old_and_new(world: World, client_for: ClientFactory) -> None:
    _started_long_ago(world.case_a)
    Arrangement.objects.create(case=world.case_a, level="licht", agreed_on=TODAY)
    client_for("coordinator").post(
        reverse("costs:arrangement", args=[world.case_a.reference]),
        {"level": "zwaar", "agreed_on": TODAY.isoformat()},
    )

    change = ChangeRecord.objects.get(case=world.case_a, object_type="arrangement")
    assert (change.field, change.old_value, change.new_value) == ("level", "licht", "zwaar")
    assert Arrangement.objects.get(case=world.case_a).level == "zwaar"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"level": "heel zwaar", "agreed_on": TODAY.isoformat()},
            "level",
            "geen beschikbare keuze",
        ),
        (
            {"level": "midden", "agreed_on": (TODAY + timedelta(days=2)).isoformat()},
            "agreed_on",
            "Een datum kan niet in de toekomst liggen.",
        ),
        (
            {"level": "midden", "agreed_on": (TODAY - timedelta(days=1)).isoformat()},
            "agreed_on",
            "Het arrangement kan niet zijn afgesproken voordat de casus begon",
        ),
    ],
)
def test_a_bad_value_is_refused_in_dutch(
    world: World, client_for: ClientFactory, values: dict[str, str], field: str, message: str
) -> None:
    response = client_for("professional").post(
        reverse("costs:arrangement", args=[world.case_a.reference]), values
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Arrangement.objects.exists()


def test_others_cannot_record_it(world: World, client_for: ClientFactory) -> None:
    url = reverse("costs:arrangement", args=[world.case_a.reference])
    values = {"level": "midden", "agreed_on": TODAY.isoformat()}
    assert client_for("outsider").post(url, values).status_code == 404
    assert client_for("analyst").post(url, values).status_code == 403
    assert not Arrangement.objects.exists()


def test_other_teams_do_not_see_the_part(world: World, client_for: ClientFactory) -> None:
    Arrangement.objects.create(case=world.case_a, level="zwaar", agreed_on=TODAY)
    page = client_for("professional").get(reverse("cases:detail", args=[world.case_b.reference]))
    assert page.status_code == 404


# --- The case import ----------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "casussen.csv")


def test_the_import_lists_the_columns() -> None:
    assert {"arrangement", "arrangement_datum"} <= set(COLUMNS[ImportKind.CASES][1])


def test_the_import_records_the_arrangement(world: World) -> None:
    rows = _rows(
        "bron_id;gestart_op;arrangement;arrangement_datum\n"
        "A-1;2025-01-10;Midden;2025-02-01\n"
        "A-2;2025-01-10;;\n"
    )
    report = run_import(
        rows, kind=ImportKind.CASES, team=world.team_a, mode=ImportMode.ALL_OR_NOTHING, commit=True
    )

    assert report.committed and not report.problems
    arrangement = Arrangement.objects.get()
    assert (arrangement.case.source_ref, arrangement.level) == ("A-1", "midden")
    assert arrangement.agreed_on.isoformat() == "2025-02-01"


def test_a_bad_arrangement_names_the_row_and_the_column(world: World) -> None:
    future = (TODAY + timedelta(days=3)).isoformat()
    rows = _rows(
        "bron_id;gestart_op;arrangement;arrangement_datum\n"
        "B-1;2025-01-10;heel zwaar;2025-02-01\n"
        "B-2;2025-01-10;midden;\n"
        "B-3;2025-01-10;;2025-02-01\n"
        "B-4;2025-01-10;licht;2024-12-31\n"
        f"B-5;2025-01-10;licht;{future}\n"
        "B-6;2025-01-10;licht;gisteren\n"
        "B-7;2025-01-10;zwaar;2025-01-10\n"
    )
    report = run_import(
        rows, kind=ImportKind.CASES, team=world.team_a, mode=ImportMode.ALL_OR_NOTHING, commit=True
    )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert problems == {
        (2, "arrangement"): "“heel zwaar” is niet een van: licht, midden, zwaar.",
        (3, "arrangement_datum"): "Verplicht als arrangement is ingevuld.",
        (4, "arrangement"): "Verplicht als arrangement_datum is ingevuld.",
        (5, "arrangement_datum"): (
            "Het arrangement kan niet zijn afgesproken voordat de casus begon (2025-01-10)."
        ),
        (6, "arrangement_datum"): "Een datum kan niet in de toekomst liggen.",
        (7, "arrangement_datum"): "“gisteren” is geen datum; gebruik 2026-01-31 of 31-01-2026.",
    }
    assert not report.committed
    assert not Case.objects.filter(source_ref__startswith="B-").exists()
    assert not Arrangement.objects.exists()


# --- The API ------------------------------------------------------------------------------------


def _url(case: Case) -> str:
    return reverse("api:arrangement", kwargs={"casusnummer": case.reference})


def test_the_api_records_and_shows_the_arrangement(world: World, api: ClientFactory) -> None:
    client = api("professional")
    assert client.get(_url(world.case_a)).status_code == 404  # none recorded yet

    response = client.put(
        _url(world.case_a),
        {"niveau": "zwaar", "afgesprokenOp": TODAY.isoformat()},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["niveau"] == "zwaar"
    shown = client.get(_url(world.case_a)).json()
    assert (shown["niveau"], shown["afgesprokenOp"]) == ("zwaar", TODAY.isoformat())
    case = client.get(reverse("api:case_detail", args=[world.case_a.reference])).json()
    assert case["_links"]["arrangement"]["href"].endswith(_url(world.case_a))
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_UPDATE, object_ref=world.case_a.reference
    ).exists()


def test_the_api_names_a_bad_value_in_dutch(world: World, api: ClientFactory) -> None:
    client = api("professional")
    response = client.put(
        _url(world.case_a),
        {"niveau": "heel zwaar", "afgesprokenOp": TODAY.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert [param["name"] for param in params] == ["niveau"]
    assert params[0]["reason"] == '"heel zwaar" is een ongeldige keuze.'

    response = client.put(
        _url(world.case_a),
        {"niveau": "midden", "afgesprokenOp": (TODAY - timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert [param["name"] for param in params] == ["afgesprokenOp"]
    assert params[0]["reason"].startswith("Het arrangement kan niet zijn afgesproken")
    assert not Arrangement.objects.exists()


def test_the_api_refuses_those_who_do_not_work_on_the_case(
    world: World, api: ClientFactory
) -> None:
    body = {"niveau": "midden", "afgesprokenOp": TODAY.isoformat()}
    for persona, status in (("outsider", 404), ("analyst", 403), (None, 401)):
        response = api(persona).put(_url(world.case_a), body, content_type="application/json")
        assert response.status_code == status, persona
    assert not Arrangement.objects.exists()
