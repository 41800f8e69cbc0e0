"""The cost page, its CSV and the tariff page: aggregates only, small counts never shown."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from conftest import World
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.costs.models import Arrangement, Tariff

pytestmark = pytest.mark.django_db


def _spend(world: World, team_a: int, team_c: int) -> None:
    Tariff.objects.create(
        region=world.north, key="zwaar", amount_cents=600000, valid_from=date(2025, 1, 1)
    )
    for team, count in ((world.team_a, team_a), (world.team_c, team_c)):
        for _ in range(count):
            case = CaseFactory(team=team)
            Arrangement.objects.create(case=case, level="zwaar", agreed_on=date(2025, 5, 1))


def test_the_page_shows_sums_over_five_and_hides_smaller_ones(world: World, client_for) -> None:
    _spend(world, team_a=6, team_c=2)
    response = client_for("analyst").get(reverse("costs:overview"), {"jaar": 2025})
    assert response.status_code == 200
    text = response.content.decode()
    assert ">48.000<" in text  # the total: 8 x 6000, grouped as Dutch readers expect
    assert ">6.000<" in text  # per trajectory
    # Team C's 2 x 6000 and team A's 6 x 6000 (the total minus C) are not shown.
    assert "12.000" not in text and "36.000" not in text
    assert "&lt; 5" in text


def test_the_csv_has_no_figure_under_five(world: World, client_for) -> None:
    _spend(world, team_a=6, team_c=2)
    response = client_for("viewer").get(reverse("costs:export"), {"jaar": 2025})
    rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    assert rows[0][:4] == ["jaar", "indeling", "groep", "trajecten"]
    for row in rows[1:]:
        if row[3] in {"< 5", "\N{MULTIPLICATION SIGN}"}:
            assert row[4] == "" and row[5] == ""
    assert not any(row[4] in {"12000", "36000"} for row in rows[1:])
    assert any(row[4] == "48000" for row in rows[1:])


def test_the_beheerder_imports_tariffs(world: World, client_for) -> None:
    client = client_for("admin")
    upload = BytesIO(b"regio;soort;bedrag;geldig_van\nnoord;midden;3000;2025-01-01\n")
    upload.name = "tarieven.csv"
    response = client.post(
        reverse("costs:tariffs"), {"upload": upload, "mode": "alles"}, follow=True
    )
    assert response.status_code == 200
    assert not Tariff.objects.exists()  # checked, not yet written
    response = client.post(reverse("costs:tariffs"), {"confirm": "1"})
    assert response.status_code == 200
    assert Tariff.objects.get().amount_cents == 300000
    assert "3.000,00" in response.content.decode()
