"""Anonymised dossiers from a file: every bad row named by row and column in Dutch, all or
nothing or only the good rows, and free text de-identified."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World, log_in
from elkedagbeter.cases.imports import ImportMode
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import ReviewRound

from .factories import new_round, request_for

ROWS = [
    {"bron_id": "DOS-1", "organisatie": "Instelling A", "verblijfsketen": "14>14>13"},
    {"bron_id": "DOS-2", "leeftijdsgroep": "12-17", "verblijfsketen": "15"},
    {"bron_id": "DOS-1"},
    {"bron_id": "DOS-4", "overplaatsingen": "veel"},
    {"bron_id": "", "samenvatting": "x"},
    {"bron_id": "DOS-6", "leeftijdsgroep": "16"},
]


@pytest.fixture
def round_(world: World) -> ReviewRound:
    return new_round(world.user("expert"), world.expert_team, [world.user("expert")])


def _run(world: World, round_: ReviewRound, mode: ImportMode, commit: bool):
    with translation.override("nl"):
        return actions.import_dossiers(
            request_for(world.user("expert")), round_, ROWS, mode=mode, commit=commit
        )


def test_every_bad_row_is_named_in_dutch(world: World, round_: ReviewRound) -> None:
    report = _run(world, round_, ImportMode.ALL_OR_NOTHING, commit=True)
    problems = {(p.row, p.column): p.message for p in report.problems}
    assert set(problems) == {
        (3, "verblijfsketen"),
        (4, "bron_id"),
        (5, "overplaatsingen"),
        (6, "bron_id"),
        (7, "leeftijdsgroep"),
    }
    assert problems[(3, "verblijfsketen")].startswith("“15” is geen")
    assert "geheel getal" in problems[(5, "overplaatsingen")]
    assert not report.committed
    assert round_.imported_dossiers.count() == 0  # all or nothing


def test_good_rows_only(world: World, round_: ReviewRound) -> None:
    report = _run(world, round_, ImportMode.GOOD_ROWS, commit=True)
    assert report.committed and report.imported == 1
    dossier = round_.imported_dossiers.get()
    assert (dossier.residence_chain, dossier.transfers) == (["14", "14", "13"], 2)
    assert dossier.organisation == "Instelling A"


def test_summaries_are_deidentified(world: World, round_: ReviewRound) -> None:
    rows = [{"bron_id": "DOS-9", "samenvatting": "Jan Jansen woont in Utrecht sinds 2019."}]
    actions.import_dossiers(
        request_for(world.user("expert")), round_, rows, mode=ImportMode.GOOD_ROWS, commit=True
    )
    summary = round_.imported_dossiers.get().summary
    assert "Jan Jansen" not in summary
    assert "[PERSOON-1]" in summary


def test_upload_check_then_confirm(world: World, round_: ReviewRound) -> None:
    client = log_in(Client(), world.user("expert"))
    url = reverse("reviews:import", args=[round_.pk])
    csv = b"bron_id;verblijfsketen\nA-1;14>13\nA-2;11\nA-3;99\n"
    upload = io.BytesIO(csv)
    upload.name = "dossiers.csv"
    checked = client.post(url, {"upload": upload, "mode": "goede_regels"})
    assert "99" in checked.content.decode()
    assert round_.imported_dossiers.count() == 0  # only checked so far
    client.post(url, {"confirm": "1"})
    assert sorted(round_.imported_dossiers.values_list("source_ref", flat=True)) == ["A-1", "A-2"]
