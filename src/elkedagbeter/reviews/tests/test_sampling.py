"""Samples are reproducible: the same seed on the same population draws the same dossiers, a
stratified sample follows the strata's sizes, and every dossier gets two different reviewers."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from elkedagbeter.reviews.sampling import (
    Unit,
    allocation,
    fingerprint,
    reviewer_pairs,
    simple_sample,
    stratified_sample,
)

POPULATION = [Unit(f"C-{n:04d}", stratum=f"team {n % 3}") for n in range(100)]


def test_same_seed_same_sample_whatever_the_order_of_the_population() -> None:
    first = simple_sample(POPULATION, 32, seed=4711)
    again = simple_sample(list(reversed(POPULATION)), 32, seed=4711)
    assert first == again
    assert len(set(first)) == 32
    assert simple_sample(POPULATION, 32, seed=4712) != first


def test_a_sample_larger_than_the_population_takes_everyone() -> None:
    assert sorted(simple_sample(POPULATION[:10], 30, seed=1), key=str) == sorted(
        POPULATION[:10], key=str
    )


def test_stratified_sample_is_proportional_and_reproducible() -> None:
    population = [Unit(f"A-{n:03d}", "A") for n in range(60)] + [
        Unit(f"B-{n:03d}", "B") for n in range(30)
    ]
    population += [Unit(f"C-{n:03d}", "C") for n in range(10)]
    sample = stratified_sample(population, 20, seed=99)
    assert Counter(unit.stratum for unit in sample) == {"A": 12, "B": 6, "C": 2}
    assert stratified_sample(list(reversed(population)), 20, seed=99) == sample


def test_allocation_by_largest_remainder() -> None:
    # 32 of 7 + 11 + 14 = 32 → everyone; 10 of them: 2.19, 3.44, 4.38 → 2, 3, 4 + 1 to B.
    assert allocation({"A": 7, "B": 11, "C": 14}, 32) == {"A": 7, "B": 11, "C": 14}
    assert allocation({"A": 7, "B": 11, "C": 14}, 10) == {"A": 2, "B": 4, "C": 4}


@given(
    sizes=st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), min_size=1),
    size=st.integers(0, 120),
)
def test_allocation_always_adds_up_and_never_exceeds_a_stratum(
    sizes: dict[str, int], size: int
) -> None:
    shares = allocation(sizes, size)
    assert sum(shares.values()) == min(size, sum(sizes.values()))
    assert all(0 <= shares[name] <= sizes[name] for name in sizes)


def test_fingerprint_ignores_order_and_sees_change() -> None:
    keys = [unit.key for unit in POPULATION]
    assert fingerprint(keys) == fingerprint(list(reversed(keys)))
    assert fingerprint(keys) != fingerprint(keys[:-1])


def test_each_dossier_gets_two_different_reviewers_spread_evenly() -> None:
    pairs = reviewer_pairs([3, 1, 2], 6)
    assert all(first != second for first, second in pairs)
    assert Counter(pairs) == {(1, 2): 2, (1, 3): 2, (2, 3): 2}
