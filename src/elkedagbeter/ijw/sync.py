"""From care episodes to the case record: the derived events go onto the youth's case as
ordinary timeline events marked ``source=ijw`` (so the indicators count them like registered
ones), and a youth known only from messages becomes an unregistered youth for the teams of
the municipality in the messages.

Derived events are replaced as a whole on every import that touches the youth: they are never
edited by hand. A derived event is left out when the case already has a registered event of the
same kind for the same youth within ``SAME_EVENT_DAYS`` days: the professional typed it already,
and counting it twice would make the figures worse than they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date, timedelta

from django.db import transaction

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE
from elkedagbeter.audit.models import (
    AccessLogEntry,
    ActionCode,
    AuthorisationRule,
    EventCode,
    Result,
)
from elkedagbeter.cases.models import (
    Case,
    Event,
    EventKind,
    EventSource,
    HouseholdMember,
    LegalBasis,
    ResidenceType,
)
from elkedagbeter.organisations.models import Municipality, Region

from .derived import BROKEN_OFF_REASONS, DerivedEvent, derive, mapping_for
from .models import CareEpisode, UnregisteredStatus, UnregisteredYouth

SAME_EVENT_DAYS = 7
ACTOR = "iJw-import"
KINDS = {
    "residential": EventKind.PLACEMENT,
    "waiting": EventKind.WAITING_START,
    "broken_off": EventKind.BREAKDOWN,
    "transfer": EventKind.TRANSFER,
}


def to_event(derived: DerivedEvent, case: Case, member: HouseholdMember | None) -> Event:
    """The timeline event for a derived event (not saved)."""
    event = Event(
        case=case,
        member=member,
        kind=KINDS[derived.kind],
        started_on=derived.day,
        source=EventSource.IJW,
    )
    if derived.kind == "residential":
        event.ended_on = derived.end
        event.residence_type = derived.detail
        if derived.detail == ResidenceType.CLOSED:
            # Gesloten jeugdhulp is only given on a machtiging (Jeugdwet art. 6.1.2).
            event.legal_basis = LegalBasis.CLOSED_CARE_ORDER
    elif derived.kind == "waiting":
        event.ended_on = derived.end
    elif derived.kind == "broken_off":
        event.note = f"iJw RedenBeeindiging {derived.detail} ({BROKEN_OFF_REASONS[derived.detail]})"
    else:
        before, _arrow, after = derived.detail.partition("->")
        event.from_setting, event.to_setting = f"AGB {before}", f"AGB {after}"
    return event


def _typed_already(event: Event, registered: Iterable[Event]) -> bool:
    window = timedelta(days=SAME_EVENT_DAYS)
    return any(
        other.kind == event.kind
        and other.member_id in (None, event.member_id)
        and abs(other.started_on - event.started_on) <= window
        for other in registered
    )


def _case_member(members: list[HouseholdMember]) -> HouseholdMember:
    """The member whose case gets the events: an open case before a closed one, then the most
    recently opened."""
    return max(members, key=lambda m: (m.case.closed_on is None, m.case.opened_on, m.case.pk))


def _log(region: Region, case: Case, count: int) -> None:
    """A system write on a case, in the access log (no request: the import or the command)."""
    AccessLogEntry.objects.create(
        event_code=EventCode.CASE_UPDATE,
        action_code=ActionCode.UPDATE,
        result=Result.SUCCESS,
        user_display=ACTOR,
        region_code=region.code,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        authorisation_rule=AuthorisationRule.ADMIN,
        reason=f"ijw: {count} derived events",
    )


# Pseudonyms per round, well under the database's limit on query parameters.
CHUNK = 1000


def sync_youths(region: Region, pseudonyms: Collection[str]) -> tuple[int, int]:
    """Bring the cases and unregistered youths of ``pseudonyms`` up to date with their episodes.
    Returns (cases updated, youths open as unregistered)."""
    ordered = sorted(pseudonyms)
    cases_updated = unregistered = 0
    for start in range(0, len(ordered), CHUNK):
        cases, youths = _sync_chunk(region, ordered[start : start + CHUNK])
        cases_updated += cases
        unregistered += youths
    return cases_updated, unregistered


def _sync_chunk(region: Region, pseudonyms: list[str]) -> tuple[int, int]:
    episodes: dict[str, list[CareEpisode]] = defaultdict(list)
    for episode in CareEpisode.objects.filter(region=region, pseudonym__in=list(pseudonyms)):
        episodes[episode.pseudonym].append(episode)
    members: dict[str, list[HouseholdMember]] = defaultdict(list)
    for member in HouseholdMember.objects.filter(
        pseudonym__in=list(pseudonyms), case__team__region=region
    ).select_related("case"):
        members[member.pseudonym].append(member)
    mapping = mapping_for(region)
    cases_updated = 0
    with transaction.atomic():
        for pseudonym, own in members.items():
            member = _case_member(own)
            cases_updated += _sync_case(region, member, episodes.get(pseudonym, []), mapping)
        unregistered = _sync_unregistered(
            region, {p: e for p, e in episodes.items() if p not in members}, members
        )
    return cases_updated, unregistered


def _sync_case(
    region: Region,
    member: HouseholdMember,
    episodes: list[CareEpisode],
    mapping: dict[tuple[str, str], str],
) -> int:
    case = member.case
    old = Event.objects.filter(
        source=EventSource.IJW, member__pseudonym=member.pseudonym, case__team__region=region
    )
    touched = {case.pk, *old.values_list("case_id", flat=True)}
    removed = old.count()
    for event in old:
        event.delete()  # one by one, so the indicators hear of it
    registered = list(Event.objects.filter(case=case, source=EventSource.REGISTERED))
    created = 0
    for derived in derive(episodes, mapping):
        event = to_event(derived, case, member)
        if _typed_already(event, registered):
            continue
        event.save()
        created += 1
    if not created and not removed:
        return 0
    for touched_case in Case.objects.filter(pk__in=touched):
        _log(region, touched_case, created if touched_case.pk == case.pk else 0)
    return 1


def _municipalities(region: Region) -> dict[str, Municipality]:
    return {m.cbs_code.removeprefix("GM"): m for m in Municipality.objects.filter(region=region)}


def _sync_unregistered(
    region: Region,
    episodes: dict[str, list[CareEpisode]],
    members: dict[str, list[HouseholdMember]],
) -> int:
    known = {
        youth.pseudonym: youth
        for youth in UnregisteredYouth.objects.filter(
            region=region, pseudonym__in=[*episodes, *members]
        )
    }
    # Registered meanwhile (a professional entered the BSN): no longer waiting for the team.
    for pseudonym, household in members.items():
        youth = known.get(pseudonym)
        if youth is not None and youth.status == UnregisteredStatus.OPEN:
            youth.status = UnregisteredStatus.TAKEN_UP
            youth.case = _case_member(household).case
            youth.save(update_fields=["status", "case"])
    places = _municipalities(region)
    new: list[UnregisteredYouth] = []
    changed: list[UnregisteredYouth] = []
    for pseudonym, own in episodes.items():
        latest = max(own, key=lambda e: (e.started_on or e.requested_on or date.min, e.pk))
        days = [d for e in own for d in (e.requested_on, e.assigned_on, e.started_on) if d]
        youth = known.get(pseudonym) or UnregisteredYouth(region=region, pseudonym=pseudonym)
        youth.municipality = places.get(latest.municipality_code, youth.municipality)
        youth.birth_year = next((e.birth_year for e in own if e.birth_year), youth.birth_year)
        youth.first_seen = min(days, default=None)
        (changed if youth.pk else new).append(youth)
    UnregisteredYouth.objects.bulk_create(new)
    UnregisteredYouth.objects.bulk_update(
        changed, ["municipality", "birth_year", "first_seen"], batch_size=500
    )
    return len([y for y in [*new, *changed] if y.status == UnregisteredStatus.OPEN])
