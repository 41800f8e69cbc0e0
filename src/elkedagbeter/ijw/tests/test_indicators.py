"""A hand-computed timeline: iJw messages → derived events on the youth's case → the indicators.

Youth A (case in team A, registered with the BSN, so the pseudonym links the messages):

1. Provider 1, ambulant (45): requested 10 Jan, started 25 Jan (waited 15 days), stopped
   31 Mar with reason 07 (broken off).
2. Provider 2, foster care (43 → hulpvorm 11): requested 1 Feb, started 14 Apr (waited 72 days,
   above the 42-day norm): a transfer from provider 1 (gap 14 days). Stopped 30 Jun with reason
   08 (broken off). The professional typed this placement already (15 Apr, OTS): the derived
   one is left out, the typed one counts.
3. Provider 3, closed youth care (53 → hulpvorm 13, machtiging 71): requested 1 Jul, started
   10 Jul (waited 9 days): a transfer from provider 2 (gap 10 days).

Typed by the professional as well: a transfer on 1 Sep, the third within a year.

By hand, for 2026 and team A:
- afgebroken: 2 (31 Mar, 30 Jun)
- wachttijd_boven_norm: 1 of 3 waits (72 > 42; 15 and 9 are not)
- gesloten_plaatsingen: 1 (the derived 13)
- uhp_gedwongen: 2 (the typed OTS placement and the derived closed one on machtiging 71)
- drie_overplaatsingen: 1 (two derived transfers and the typed one, within 365 days)
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import World
from elkedagbeter.cases.models import (
    Event,
    EventKind,
    EventSource,
    HouseholdMember,
    LegalBasis,
    MemberRole,
)
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.ijw.actions import import_messages
from elkedagbeter.ijw.tests import examples as ex
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact

pytestmark = pytest.mark.django_db

P1, P2, P3 = ex.PROVIDER_1, ex.PROVIDER_2, "11112222"


def _messages() -> list[bytes]:
    return [
        ex.request("R1", "REF-1", "45", "45A11", "2026-01-10"),
        ex.assignment("A1", "1001", "45", "45A11", "2026-01-20"),
        ex.start("S1", "1001", "45", "45A11", "2026-01-25"),
        ex.stop("E1", "1001", "45", "45A11", "2026-01-25", "2026-03-31", "07"),
        ex.request("R2", "REF-9", "43", "43A31", "2026-02-01", sender=P2),
        ex.assignment("A2", "2002", "43", "43A31", "2026-04-01", receiver=P2),
        ex.start("S2", "2002", "43", "43A31", "2026-04-14", sender=P2),
        ex.stop("E2", "2002", "43", "43A31", "2026-04-14", "2026-06-30", "08", sender=P2),
        ex.request("R3", "REF-3", "53", "53A01", "2026-07-01", sender=P3),
        ex.assignment("A3", "3003", "53", "53A01", "2026-07-05", receiver=P3),
        ex.start("S3", "3003", "53", "53A01", "2026-07-10", sender=P3),
    ]


def _figures(world: World) -> dict[str, tuple[int, int]]:
    facts.rebuild([world.team_a.pk], today=date(2026, 12, 31))
    return {
        fact.indicator: (fact.numerator, fact.denominator)
        for fact in IndicatorFact.objects.filter(
            team=world.team_a, period_kind="jaar", period_start=date(2026, 1, 1)
        )
    }


def test_messages_become_events_that_count_like_registered_ones(world: World) -> None:
    case = world.case_a
    case.opened_on = date(2026, 1, 1)
    case.save()
    youth = HouseholdMember.objects.create(
        case=case,
        role=MemberRole.YOUTH,
        birth_year=2011,
        pseudonym=pseudonym_for(ex.BSN_A, world.north.code),
    )
    typed = {"case": case, "member": youth, "source": EventSource.REGISTERED}
    Event.objects.create(
        **typed,
        kind=EventKind.PLACEMENT,
        started_on=date(2026, 4, 15),
        residence_type="11",
        legal_basis=LegalBasis.SUPERVISION,
    )
    Event.objects.create(
        **typed,
        kind=EventKind.TRANSFER,
        started_on=date(2026, 9, 1),
        from_setting="Gezinshuis",
        to_setting="Pleeggezin",
    )
    report = import_messages(
        world.north,
        [(f"{i}.xml", m) for i, m in enumerate(_messages())],
        all_or_nothing=True,
    )
    assert (report.accepted, report.rejections, report.cases_updated) == (11, [], 1)

    derived = Event.objects.filter(case=case, source=EventSource.IJW).order_by("started_on", "kind")
    assert [(e.kind, e.started_on, e.ended_on, e.member_id) for e in derived] == [
        (EventKind.WAITING_START, date(2026, 1, 10), date(2026, 1, 25), youth.pk),
        (EventKind.WAITING_START, date(2026, 2, 1), date(2026, 4, 14), youth.pk),
        (EventKind.BREAKDOWN, date(2026, 3, 31), None, youth.pk),
        (EventKind.TRANSFER, date(2026, 4, 14), None, youth.pk),
        (EventKind.BREAKDOWN, date(2026, 6, 30), None, youth.pk),
        (EventKind.WAITING_START, date(2026, 7, 1), date(2026, 7, 10), youth.pk),
        (EventKind.TRANSFER, date(2026, 7, 10), None, youth.pk),
        (EventKind.PLACEMENT, date(2026, 7, 10), None, youth.pk),
    ]
    closed = derived.get(kind=EventKind.PLACEMENT)
    assert (closed.residence_type, closed.legal_basis) == ("13", LegalBasis.CLOSED_CARE_ORDER)
    first_transfer = derived.filter(kind=EventKind.TRANSFER).first()
    assert first_transfer is not None
    assert (first_transfer.from_setting, first_transfer.to_setting) == (f"AGB {P1}", f"AGB {P2}")

    figures = _figures(world)
    assert figures["afgebroken"] == (2, 0)
    assert figures["wachttijd_boven_norm"] == (1, 3)
    assert figures["gesloten_plaatsingen"] == (1, 0)
    assert figures["uhp_gedwongen"] == (2, 0)
    assert figures["drie_overplaatsingen"] == (1, 0)

    # Importing again changes nothing; the derived events are not doubled.
    again = import_messages(
        world.north,
        [(f"{i}.xml", m) for i, m in enumerate(_messages())],
        all_or_nothing=True,
    )
    assert (again.duplicates, again.cases_updated) == (11, 0)
    assert _figures(world)["afgebroken"] == (2, 0)


def test_a_correction_replaces_the_derived_events(world: World) -> None:
    HouseholdMember.objects.create(
        case=world.case_a,
        role=MemberRole.YOUTH,
        birth_year=2011,
        pseudonym=pseudonym_for(ex.BSN_A, world.north.code),
    )
    files = [(f"{i}.xml", m) for i, m in enumerate(_messages()[:4])]
    import_messages(world.north, files, all_or_nothing=True)
    broken = Event.objects.filter(case=world.case_a, kind=EventKind.BREAKDOWN)
    assert broken.count() == 1
    # The provider corrects the stop: completed as planned (reason 02), not broken off.
    correction = ex.stop("E1b", "1001", "45", "45A11", "2026-01-25", "2026-03-31", "02", status="2")
    import_messages(world.north, [("c.xml", correction)], all_or_nothing=True)
    assert broken.count() == 0
