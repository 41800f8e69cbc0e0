"""Cohen's kappa against examples worked out by hand."""

from __future__ import annotations

import pytest
from django.utils import translation

from elkedagbeter.reviews.agreement import agreement, band, cohen_kappa


def test_kappa_two_categories_by_hand() -> None:
    # Reviewer 1: 6 yes, 4 no; reviewer 2: 5 yes, 5 no; they agree on 7 of 10.
    # p_o = 0.7; p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    first = ["ja"] * 6 + ["nee"] * 4
    second = ["ja"] * 4 + ["nee", "nee", "ja", "nee", "nee", "nee"]
    result = agreement(first, second)
    assert result.pairs == 10
    assert result.agreed == 7
    assert result.observed == pytest.approx(0.7)
    assert result.kappa == pytest.approx(0.4)
    with translation.override("nl"):
        assert str(band(0.4)) == "redelijk"  # Landis & Koch: 0.21 to 0.40 is fair


def test_kappa_three_categories_by_hand() -> None:
    # Each reviewer: 3 ja, 3 nee, 2 nvt; they agree on 5 of 8.
    # p_o = 5/8; p_e = (9 + 9 + 4) / 64 = 22/64; kappa = (40/64 - 22/64) / (42/64) = 18/42 = 3/7.
    first = ["ja", "ja", "nee", "nvt", "nvt", "nee", "ja", "nee"]
    second = ["ja", "nee", "nee", "nvt", "ja", "nee", "ja", "nvt"]
    assert cohen_kappa(first, second) == pytest.approx(3 / 7)


def test_kappa_is_negative_when_reviewers_systematically_disagree() -> None:
    assert cohen_kappa(["ja", "nee"] * 3, ["nee", "ja"] * 3) == pytest.approx(-1.0)


def test_kappa_undefined_when_everyone_gave_one_same_answer() -> None:
    assert cohen_kappa(["ja"] * 5, ["ja"] * 5) is None
    assert cohen_kappa([], []) is None
    assert agreement(["ja"] * 5, ["ja"] * 5).observed == 1.0
