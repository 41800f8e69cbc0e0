"""What the first generator leaves out, added to a generated history at realistic rates: who
agreed to each placement, and (from issue 18 on) the other critical incidents.

It draws from its own random stream, seeded by the case, so the histories ``synthetic_cases``
already generated (and the demo's learning loop measured on them) stay exactly as they were.
The rates and where they come from are in docs/demo-data.md.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from elkedagbeter.cases.models import Agreement, Case, Event, EventKind, LegalBasis

YES, NO, UNKNOWN, NA = Agreement.YES, Agreement.NO, Agreement.UNKNOWN, Agreement.NOT_APPLICABLE

# Answers and their weights, by legal basis. Assumptions of the order of magnitude the seeds
# and the Kinderombudsman describe: most voluntary placements are carried by the parents; most
# placements on a court order are not; a young person objects more often than a parent to a
# voluntary placement, and nearly always to a closed one.
PARENT = {
    LegalBasis.VOLUNTARY: ((YES, 92), (UNKNOWN, 8)),
    "order": ((NO, 55), (YES, 25), (UNKNOWN, 20)),
}
YOUTH = {
    LegalBasis.VOLUNTARY: ((YES, 70), (NO, 12), (UNKNOWN, 8), (NA, 10)),
    LegalBasis.CLOSED_CARE_ORDER: ((NO, 75), (YES, 10), (UNKNOWN, 15)),
    "order": ((NO, 40), (YES, 30), (UNKNOWN, 15), (NA, 15)),
}
SINGLE_PARENT = 0.35  # share of placements with one parent holding authority (second: nvt)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values = [value for value, _weight in weighted]
    weights = [weight for _value, weight in weighted]
    return rng.choices(values, weights)[0]


def stream(case: Case) -> random.Random:
    """The case's own random stream for what this module adds."""
    return random.Random(f"incidents-{case.pk}-{case.opened_on}")  # noqa: S311 - synthetic


def record_agreement(event: Event, rng: random.Random) -> None:
    """Fill in who agreed to a generated placement, after its legal basis."""
    basis = event.legal_basis
    parent = PARENT.get(basis, PARENT["order"])
    youth = YOUTH.get(basis, YOUTH["order"])
    event.parent_agreed = _pick(rng, parent)
    event.other_parent_agreed = NA if rng.random() < SINGLE_PARENT else _pick(rng, parent)
    event.youth_agreed = _pick(rng, youth)


def enrich(case: Case, events: list[Event], today: date) -> list[Event]:
    """Complete the generated ``events`` of ``case``; returns the events to add."""
    rng = stream(case)
    for event in events:
        if event.kind == EventKind.PLACEMENT:
            record_agreement(event, rng)
    return []
