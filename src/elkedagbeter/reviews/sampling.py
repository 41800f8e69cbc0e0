"""Reproducible samples: the population in a fixed order, a seeded random generator, and for a
stratified sample a proportional allocation by largest remainder. The same seed on the same
population always gives the same sample; the population's fingerprint tells whether it is the
same."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Unit(Generic[Key]):
    """A member of the population: a stable key (sorts the population) and its stratum."""

    key: Key
    stratum: str = ""


def fingerprint(keys: Sequence[object]) -> str:
    """A SHA-256 over the sorted keys: equal fingerprints mean the same population."""
    text = "\n".join(sorted(str(key) for key in keys))
    return hashlib.sha256(text.encode()).hexdigest()


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret


def simple_sample(units: Sequence[Unit[Key]], size: int, seed: int) -> list[Unit[Key]]:
    ordered = sorted(units, key=lambda unit: str(unit.key))
    if size >= len(ordered):
        return ordered
    return _rng(seed).sample(ordered, size)


def allocation(strata: dict[str, int], size: int) -> dict[str, int]:
    """How many to draw from each stratum, in proportion to its size (Hamilton's method: whole
    parts first, the rest to the largest remainders; ties go to the larger, then first name)."""
    total = sum(strata.values())
    if size >= total:
        return dict(strata)
    exact = {name: count * size / total for name, count in strata.items()}
    shares = {name: int(value) for name, value in exact.items()}
    left = size - sum(shares.values())
    order = sorted(strata, key=lambda name: (-(exact[name] - shares[name]), -strata[name], name))
    for name in order[:left]:
        shares[name] += 1
    return shares


def stratified_sample(units: Sequence[Unit[Key]], size: int, seed: int) -> list[Unit[Key]]:
    by_stratum: dict[str, list[Unit[Key]]] = defaultdict(list)
    for unit in sorted(units, key=lambda unit: str(unit.key)):
        by_stratum[unit.stratum].append(unit)
    shares = allocation({name: len(members) for name, members in by_stratum.items()}, size)
    rng = _rng(seed)
    sample: list[Unit[Key]] = []
    for name in sorted(by_stratum):
        sample += rng.sample(by_stratum[name], shares[name])
    return sample


def reviewer_pairs(reviewers: Sequence[int], dossiers: int) -> list[tuple[int, int]]:
    """Two different reviewers for each dossier, every pair in turn so the work is spread."""
    if len(reviewers) < 2:
        raise ValueError("A double review needs at least two reviewers.")
    pairs = list(combinations(sorted(reviewers), 2))
    return [pairs[index % len(pairs)] for index in range(dossiers)]
