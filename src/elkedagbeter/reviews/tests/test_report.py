"""The findings as a spreadsheet and a PDF carry the same figures as the page, protected for
whoever sees them protected; the comparison puts rounds of different expert teams side by side."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import World, log_in
from elkedagbeter.core.privacy import SECONDARY_LABEL
from elkedagbeter.organisations.tests.factories import ExpertTeamFactory
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.compare import compare
from elkedagbeter.reviews.models import ReviewRound
from elkedagbeter.reviews.selectors import comparable_rounds

from .factories import answer_all, import_rows, new_round, request_for, second_expert
from .test_findings import round_  # noqa: F401 - the hand-made round as a fixture


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """The checklist is stored in the language of whoever opens the round: Dutch here."""
    with translation.override("nl"):
        yield


def _rows(response) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[list[object]], first: str) -> list[object]:
    return next(row for row in rows if row and row[0] == first)


def test_spreadsheet_for_the_team_and_protected(world: World, round_: ReviewRound) -> None:  # noqa: F811
    client = log_in(Client(), world.user("expert"))
    url = reverse("reviews:findings_export", kwargs={"pk": round_.pk, "fmt": "xlsx"})
    full = _rows(client.get(url))
    analysis = _row(full, "Verklarende analyse aanwezig")
    assert analysis[1:5] == [1, 5, 0, "17%"]
    therapies = _row(full, "Aantal gegeven therapievormen")
    assert therapies[5:7] == [9, 5]
    assert _row(full, "Waarvan passend volgens de richtlijn en bewezen effectief")[7] == "22%"
    protected = _rows(client.get(url + "?beschermd=1"))
    assert _row(protected, "Verklarende analyse aanwezig")[1:5] == ["< 5", SECONDARY_LABEL, 0, "—"]


def test_pdf_carries_the_findings(world: World, round_: ReviewRound) -> None:  # noqa: F811
    client = log_in(Client(), world.user("expert"))
    url = reverse("reviews:findings_export", kwargs={"pk": round_.pk, "fmt": "pdf"})
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Verklarende analyse" in text
    assert "Langste keten: D-06" in text
    assert "Niemand weet waarom" in text  # the team's own report keeps the observations


def test_rounds_of_two_expert_teams_side_by_side(world: World) -> None:
    expert = world.user("expert")
    other_team = ExpertTeamFactory(region=world.south, name="Expertteam Zuid")
    other = second_expert(other_team, "expert-zuid")
    colleague = second_expert(other_team, "expert-zuid-2")
    rounds = []
    for team, reviewers in ((world.expert_team, [expert]), (other_team, [other, colleague])):
        reviewer_list = reviewers if len(reviewers) > 1 else [expert, second_expert(team)]
        owner = reviewer_list[0]
        made = new_round(owner, team, reviewer_list)
        import_rows(owner, made, [{"bron_id": f"D{n}"} for n in range(10)])
        actions.draw_sample(request_for(owner), made)
        for number, dossier in enumerate(made.dossiers.all()):
            for review in dossier.reviews.all():
                answer_all(review, {"gezin_betrokken": "ja" if number < 5 else "nee"})
        actions.close_round(request_for(owner), made, open_work=0)
        rounds.append(made)
    ours, theirs = rounds
    assert list(comparable_rounds(expert)) == [ours]  # theirs is not shared yet
    actions.set_shared(request_for(other), theirs, shared=True)
    assert set(comparable_rounds(expert)) == {ours, theirs}
    assert list(comparable_rounds(world.user("analyst"))) == []  # north's analyst: not shared
    comparison = compare(comparable_rounds(expert))
    family = next(row for row in comparison.rows if row.code == "gezin_betrokken")
    assert [cell.share if cell else None for cell in family.cells] == [0.5, 0.5]
    page = log_in(Client(), expert).get(reverse("reviews:compare")).content.decode()
    assert "Expertteam Zuid" in page and "50%" in page
    # Their dossiers stay theirs.
    dossier = theirs.dossiers.first()
    url = reverse("reviews:dossier", kwargs={"pk": theirs.pk, "dossier_id": dossier.pk})
    assert log_in(Client(), expert).get(url).status_code == 404
