"""What the first generator leaves out, added to a generated history at realistic rates: who
agreed to each placement, and (from issue 18 on) the other critical incidents.

It draws from its own random stream, seeded by the case, so the histories ``synthetic_cases``
already generated (and the demo's learning loop measured on them) stay exactly as they were.
The rates and where they come from are in docs/demo-data.md.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import (
    Agreement,
    Case,
    DiagnosisGroup,
    EndKind,
    Event,
    EventKind,
    Explained,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    SeclusionForm,
)

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


UNPLANNED_END = 0.3  # share of ended placements that end unplanned (breakdown)
RETURN_HOME = 0.5  # share of youths going home after their last placement ended as planned
DIAGNOSED = 0.25  # share of youths with a diagnosis event in their case
NEXT_DIAGNOSIS = 0.35  # chance of each further (possibly different) diagnosis
REVICTIMISED = 0.02  # per youth per case
SUICIDE_ATTEMPT = 0.01  # per youth per case
SUICIDE = 0.0003  # per youth per case: 3 in 10,000
DIAGNOSES = [
    (DiagnosisGroup.ADHD, 25),
    (DiagnosisGroup.AUTISM, 15),
    (DiagnosisGroup.ANXIETY, 12),
    (DiagnosisGroup.MOOD, 8),
    (DiagnosisGroup.TRAUMA, 12),
    (DiagnosisGroup.CONDUCT, 10),
    (DiagnosisGroup.INTELLECTUAL, 6),
    (DiagnosisGroup.DEVELOPMENTAL, 6),
    (DiagnosisGroup.OTHER, 6),
]


# Issue 18 part 3, from a stream of their own so the incidents above stay as they were.
EXPLAINED = ((Explained.YES, 60), (Explained.NO, 15), (Explained.UNKNOWN, 10), ("", 15))
FORM_RECORDED = 0.6  # share of seclusions whose source distinguishes the form
ISOLATION = 0.35  # of those, the share in isolation (afzondering) rather than a seclusion room


def _zero_goal_fields(case: Case, events: list[Event]) -> None:
    """Whether a placement's reason was explained, and the form of a seclusion."""
    rng = random.Random(f"explained-{case.pk}-{case.opened_on}")  # noqa: S311 - synthetic
    for event in events:
        if event.kind == EventKind.PLACEMENT:
            event.reason_explained = _pick(rng, EXPLAINED)
        elif event.kind == EventKind.SECLUSION and rng.random() < FORM_RECORDED:
            isolated = rng.random() < ISOLATION
            event.seclusion_form = (
                SeclusionForm.ISOLATION if isolated else SeclusionForm.SECLUSION_ROOM
            )


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _youth_event(
    case: Case, youth: HouseholdMember, kind: str, day: date, **values: object
) -> Event:
    return Event(case=case, member=youth, kind=kind, started_on=day, **values)


def _placement_ends(case: Case, events: list[Event], rng: random.Random) -> list[Event]:
    placements = [e for e in events if e.kind == EventKind.PLACEMENT]
    added = []
    for event in placements:
        record_agreement(event, rng)
        if event.ended_on is not None:
            planned = rng.random() >= UNPLANNED_END
            event.end_kind = EndKind.PLANNED if planned else EndKind.UNPLANNED
    if placements and placements[-1].end_kind == EndKind.PLANNED and rng.random() < RETURN_HOME:
        last = placements[-1]
        assert last.ended_on is not None and last.member is not None
        added.append(
            _youth_event(
                case,
                last.member,
                EventKind.RETURN_HOME,
                last.ended_on,
                created_by=last.created_by,
            )
        )
    return added


def enrich(
    case: Case,
    members: list[HouseholdMember],
    events: list[Event],
    today: date,
    author: User | None,
) -> list[Event]:
    """Complete the generated ``events`` of ``case``; returns the events to add."""
    rng = stream(case)
    last = min(today, case.closed_on) if case.closed_on else today
    added = _placement_ends(case, events, rng)
    _zero_goal_fields(case, events)
    for youth in (m for m in members if m.role == MemberRole.YOUTH):
        if rng.random() < DIAGNOSED:
            day = _day(rng, case.opened_on, last)
            while True:
                group = _pick(rng, DIAGNOSES)
                added.append(
                    _youth_event(
                        case, youth, EventKind.DIAGNOSIS, day, diagnosis=group, created_by=author
                    )
                )
                if rng.random() >= NEXT_DIAGNOSIS:
                    break
                day = _day(rng, day, last)
        for kind, chance in (
            (EventKind.REVICTIMISATION, REVICTIMISED),
            (EventKind.SUICIDE_ATTEMPT, SUICIDE_ATTEMPT),
            (EventKind.SUICIDE, SUICIDE),
        ):
            if rng.random() < chance:
                day = _day(rng, case.opened_on, last)
                added.append(_youth_event(case, youth, kind, day, created_by=author))
    return added
