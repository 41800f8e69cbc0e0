"""The findings of a small round made by hand: counts, shares, kappa, chains and what others see
of them with small numbers protected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from conftest import World
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.findings import build
from elkedagbeter.reviews.models import Review, ReviewRound
from elkedagbeter.reviews.selectors import View

from .factories import (
    answer_all,
    import_rows,
    item,
    new_round,
    number,
    request_for,
    second_expert,
    yes_no,
)

CHAINS = ["14>14>13", "11>12", "14", "", "14>14>13", ">".join(["14"] * 10 + ["13"])]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def round_(world: World) -> ReviewRound:
    expert = world.user("expert")
    colleague = second_expert(world.expert_team)
    round_ = new_round(expert, world.expert_team, [expert, colleague])
    import_rows(
        expert,
        round_,
        [{"bron_id": f"DOS-{n:02d}", "verblijfsketen": chain} for n, chain in enumerate(CHAINS, 1)],
    )
    actions.draw_sample(request_for(expert), round_)
    therapies = [2, 1, 0, 3, 1, 2]
    fitting = [1, 0, 0, 1, 0, 0]
    placements = [3, 2, 1, 0, 3, 11]
    for index, dossier in enumerate(round_.dossiers.order_by("number")):
        first, second = dossier.reviews.order_by("pk")
        shared = {
            "verklarende_analyse": "ja" if index == 0 else "nee",
            "therapievormen": therapies[index],
            "therapievormen_passend": fitting[index],
            "gezin_betrokken": "ja" if index in (1, 3) else "nee",
            "reden_opname": "nvt" if index == 3 else "ja",
            "plaatsingen": placements[index],
            "overplaatsingen": max(placements[index] - 1, 0),
        }
        answer_all(first, shared, note="Niemand weet waarom" if index == 5 else "")
        differing = dict(shared)
        if index == 2:
            differing["gezin_betrokken"] = "ja"
        if index == 5:
            differing["reden_opname"] = "nee"
        answer_all(second, differing)
    return round_


def test_numbers_of_a_round_made_by_hand(round_: ReviewRound) -> None:
    findings = build(round_, View.FULL)
    assert findings.dossiers.value == 6
    assert findings.complete.value == 6
    assert findings.open_work == 2  # two differences not yet resolved
    by_code = {finding.item.code: finding for finding in findings.items}

    analysis = by_code["verklarende_analyse"]
    assert (yes_no(findings, "verklarende_analyse").yes.value, analysis.agreement.agreed) == (1, 6)
    assert yes_no(findings, "verklarende_analyse").no.value == 5
    assert yes_no(findings, "verklarende_analyse").share == pytest.approx(1 / 6)
    assert analysis.agreement.kappa == pytest.approx(1.0)

    therapies = number(findings, "therapievormen")
    assert (therapies.total.value, therapies.dossiers_with_any.value) == (9, 5)
    fitting = number(findings, "therapievormen_passend")
    assert fitting.total.value == 2
    assert fitting.share_of_whole == pytest.approx(2 / 9)

    # Reviewers differ on dossier 3; until resolved it does not count.
    family = by_code["gezin_betrokken"]
    assert (
        yes_no(findings, "gezin_betrokken").yes.value,
        yes_no(findings, "gezin_betrokken").no.value,
    ) == (2, 3)
    # p_o = 5/6, p_e = 2/6 * 3/6 + 4/6 * 3/6 = 1/2, kappa = (5/6 - 1/2) / (1/2) = 2/3.
    assert family.agreement.kappa == pytest.approx(2 / 3)
    assert family.agreement.agreed == 5

    admission = by_code["reden_opname"]
    assert admission.yes_no == yes_no(findings, "reden_opname")
    assert yes_no(findings, "reden_opname").not_applicable.value == 1
    assert yes_no(findings, "reden_opname").yes.value == 4

    placements = dict(findings.placements)
    assert {band: count.value for band, count in placements.items() if count.value} == {
        "0": 1,
        "1": 1,
        "2": 1,
        "3": 2,
        "11+": 1,
    }
    chains = {row.label: row.count.value for row in findings.chains}
    assert chains["other residential → other residential → closed"] == 2
    assert chains["no placement"] == 1
    assert findings.longest is not None
    label, history = findings.longest
    assert (label, history.placements, history.transfers) == ("D-06", 11, 10)
    assert [note.text for note in findings.notes] == ["Niemand weet waarom"]


def test_resolving_differences_completes_the_round(round_: ReviewRound, world: World) -> None:
    expert = world.user("expert")
    third = round_.dossiers.get(number=3)
    actions.resolve(request_for(expert), third, item(round_, "gezin_betrokken"), value="nee")
    sixth = round_.dossiers.get(number=6)
    actions.resolve(request_for(expert), sixth, item(round_, "reden_opname"), value="nee")
    findings = build(round_, View.FULL)
    assert findings.open_work == 0
    by_code = {finding.item.code: finding for finding in findings.items}
    assert yes_no(findings, "gezin_betrokken").no.value == 4
    assert yes_no(findings, "reden_opname").no.value == 1
    # The kappa is about the independent answers, not the resolved ones.
    assert by_code["gezin_betrokken"].agreement.kappa == pytest.approx(2 / 3)
    actions.close_round(request_for(expert), round_, open_work=findings.open_work)
    assert round_.is_closed


def test_others_see_small_numbers_protected(round_: ReviewRound) -> None:
    findings = build(round_, View.PROTECTED)
    analysis = yes_no(findings, "verklarende_analyse")
    assert str(analysis.yes) == "< 5"
    assert analysis.no.suppressed  # 6 - 1 would give the hidden one away
    assert analysis.share is None
    assert number(findings, "therapievormen_passend").share_of_whole is None  # 2 of 9
    assert str(number(findings, "therapievormen").total) == "9"
    # Every chain is rarer than 5: together as "other chains", the 11 placements not named.
    assert [(row.label, row.count.value) for row in findings.chains] == [
        ("other chains (each fewer than 5 dossiers)", 6)
    ]
    assert findings.longest is None
    assert findings.notes == []
    assert all(count.value in (None, 0) for _band, count in findings.placements)


def test_a_part_cannot_exceed_its_whole(round_: ReviewRound, world: World) -> None:
    errors = actions.answer_errors(
        list(round_.items.select_related("part_of")),
        {item(round_, "therapievormen").pk: 1, item(round_, "therapievormen_passend").pk: 2},
    )
    assert list(errors) == [f"item_{item(round_, 'therapievormen_passend').pk}"]


def test_handed_in_review_no_longer_changes(round_: ReviewRound) -> None:
    from django.core.exceptions import ValidationError

    review = Review.objects.filter(dossier__round=round_).first()
    with pytest.raises(ValidationError):
        answer_all(review, {})
