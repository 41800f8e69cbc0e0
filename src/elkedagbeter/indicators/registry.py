"""Every indicator of the Beweging van 0, defined once: what it counts, how a period and an area
get their share, and which way is better. The definitions are shown in the application as written
here, so the rules for events that span periods and for households that move are part of them.

An indicator turns one case into *observations*; ``facts.py`` adds them up per team and period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import (
    Agreement,
    EventKind,
    LegalBasis,
    ResidenceType,
    placement_against_will,
)


class Direction(StrEnum):
    DOWN = "omlaag"  # fewer is better; the zero goals
    UP = "omhoog"


class Unit(StrEnum):
    COUNT = "aantal"
    PERCENTAGE = "percentage"
    MEAN = "gemiddelde"
    PER_HOUSEHOLD = "per_gezin"
    PER_10000 = "per_10000"  # a rate per 10,000 (youths in care)


@dataclass(frozen=True)
class EventRow:
    kind: str
    member_id: int | None
    started_on: date
    ended_on: date | None
    residence_type: str
    legal_basis: str
    parent_agreed: str = ""
    other_parent_agreed: str = ""
    youth_agreed: str = ""
    end_kind: str = ""
    diagnosis: str = ""
    birth_year: int | None = None  # of the household member it concerns
    reason_explained: str = ""
    seclusion_form: str = ""

    @property
    def agreements(self) -> tuple[str, str, str]:
        return (self.parent_agreed, self.other_parent_agreed, self.youth_agreed)


@dataclass(frozen=True)
class MomentRow:
    recorded_on: date
    heard: int | None
    gas_scores: tuple[int, ...]


@dataclass
class CaseData:
    """What the indicators need of one case, loaded in bulk by ``facts.py``."""

    case_id: int
    opened_on: date
    closed_on: date | None
    events: list[EventRow] = field(default_factory=list)
    analysis_dates: list[date] = field(default_factory=list)
    intervention_starts: list[date] = field(default_factory=list)
    moments: list[MomentRow] = field(default_factory=list)
    team_changes: list[date] = field(default_factory=list)  # transfers to another team
    form_seconds: list[tuple[date, int]] = field(default_factory=list)  # saved forms' cost
    # Closing dates of the other cases of this case's youths (linked by pseudonym).
    earlier_closings: list[date] = field(default_factory=list)
    youth_ids: list[int] = field(default_factory=list)  # the household's youths
    goal_dates: list[date] = field(default_factory=list)  # desired results written down
    # Continuity (issue 18 part 4): who worked on the case, and which teams and parties held it.
    case_manager_id: int | None = None
    workers: list[tuple[date, int]] = field(default_factory=list)  # (day, user) of recorded work
    teams: list[tuple[date, date | None, int]] = field(default_factory=list)  # (from, until, team)
    # Involvements as (from, until, party, description).
    parties: list[tuple[date, date | None, str, str]] = field(default_factory=list)
    # The young people's own answers (issue 19): (member, statement, answer, given on).
    youth_views: list[tuple[int, str, int, date]] = field(default_factory=list)
    today: date | None = None  # the last day measured; None: the local date
    # Worked out once per case for the indicators that share it (continuity's monthly series).
    derived: dict[str, object] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Observation:
    """A contribution to an indicator. A point (``end`` None) counts in the period of ``start``;
    a span counts in every period it overlaps. Observations with a ``key`` count once per period
    and team (distinct youths, households)."""

    start: date
    numerator: int
    denominator: int = 0
    end: date | None = None
    key: Hashable | None = None
    span: bool = False


Observe = Callable[[CaseData], Iterator[Observation]]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Promise
    definition: Promise
    numerator: Promise
    denominator: Promise | None
    direction: Direction
    unit: Unit
    observe: Observe
    # Count indicators whose numerators add up to this one's: a page shows this figure only
    # where every one of their cells is shown, so a rate never gives away a hidden small count.
    shown_with: tuple[str, ...] = ()

    @property
    def has_denominator(self) -> bool:
        return self.denominator is not None


COURT_ORDERS = {
    LegalBasis.SUPERVISION,
    LegalBasis.GUARDIANSHIP,
    LegalBasis.PLACEMENT_ORDER,
    LegalBasis.CLOSED_CARE_ORDER,
}


def _youth(case: CaseData, event: EventRow) -> Hashable:
    return ("youth", event.member_id) if event.member_id else ("case", case.case_id)


def _events(case: CaseData, kind: str) -> Iterator[EventRow]:
    return (event for event in case.events if event.kind == kind)


def _seclusions(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.SECLUSION):
        yield Observation(event.started_on, 1)


def _youths_secluded(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.SECLUSION):
        yield Observation(event.started_on, 1, key=_youth(case, event))


def _forced_placements(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.PLACEMENT):
        if event.legal_basis in COURT_ORDERS:
            yield Observation(event.started_on, 1)


def _placements_against_will(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.PLACEMENT):
        if placement_against_will(*event.agreements):
            yield Observation(event.started_on, 1)


def _agreement_unknown(case: CaseData) -> Iterator[Observation]:
    """A placement nobody is recorded as objecting to, while someone's answer is missing."""
    for event in _events(case, EventKind.PLACEMENT):
        answers = event.agreements
        missing = any(answer in ("", Agreement.UNKNOWN) for answer in answers)
        unknown = missing and not placement_against_will(*answers)
        yield Observation(event.started_on, int(unknown), 1)


def _closed_placements(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.PLACEMENT):
        if event.residence_type == ResidenceType.CLOSED:
            yield Observation(event.started_on, 1)


def _repeated_transfers(case: CaseData) -> Iterator[Observation]:
    by_youth: dict[Hashable, list[date]] = {}
    for event in _events(case, EventKind.TRANSFER):
        by_youth.setdefault(_youth(case, event), []).append(event.started_on)
    for youth, days in by_youth.items():
        days.sort()
        for index, day in enumerate(days):
            earlier = [d for d in days[: index + 1] if d > day - timedelta(days=365)]
            if len(earlier) >= 3:
                yield Observation(day, 1, key=youth)


def _without_analysis(case: CaseData) -> Iterator[Observation]:
    first_analysis = min(case.analysis_dates, default=None)
    for started in case.intervention_starts:
        missing = first_analysis is None or first_analysis > started
        yield Observation(started, int(missing), 1)


def _handovers(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.HANDOVER):
        yield Observation(event.started_on, 1)
    for day in case.team_changes:
        yield Observation(day, 1)
    yield Observation(
        case.opened_on, 0, 1, end=case.closed_on, key=("case", case.case_id), span=True
    )


def _waits(case: CaseData) -> Iterator[tuple[date, date]]:
    """Waiting periods as (start, end): a start with an end date, or a start and a later end."""
    open_starts: dict[Hashable, date] = {}
    for event in sorted(case.events, key=lambda e: e.started_on):
        youth = _youth(case, event)
        if event.kind == EventKind.WAITING_START:
            if event.ended_on is not None:
                yield event.started_on, event.ended_on
            else:
                open_starts[youth] = event.started_on
        elif event.kind == EventKind.WAITING_END and youth in open_starts:
            yield open_starts.pop(youth), event.started_on


def _waits_over_norm(case: CaseData) -> Iterator[Observation]:
    norm = settings.WAITING_NORM_DAYS
    for start, end in _waits(case):
        yield Observation(end, int((end - start).days > norm), 1)


def _goal_attainment(case: CaseData) -> Iterator[Observation]:
    for moment in case.moments:
        for score in moment.gas_scores:
            yield Observation(moment.recorded_on, score, 1)


def _heard(case: CaseData) -> Iterator[Observation]:
    for moment in case.moments:
        if moment.heard is not None:
            yield Observation(moment.recorded_on, int(moment.heard >= 4), 1)


def _registration_minutes(case: CaseData) -> Iterator[Observation]:
    """Minutes of forms saved on the case, summed per month and rounded, per household with an
    open case."""
    per_month: dict[date, int] = defaultdict(int)
    for day, seconds in case.form_seconds:
        per_month[day.replace(day=1)] += seconds
    for month, seconds in per_month.items():
        yield Observation(month, round(seconds / 60))
    yield Observation(
        case.opened_on, 0, 1, end=case.closed_on, key=("case", case.case_id), span=True
    )


def _broken_off(case: CaseData) -> Iterator[Observation]:
    for event in _events(case, EventKind.BREAKDOWN):
        yield Observation(event.started_on, 1)


WHERE = _(
    "An event counts for the team that held the case on the event's date, and so for that "
    "team's municipality and region. When a household moves and its case is transferred to a "
    "team elsewhere (woonplaatsbeginsel), what happened before the transfer stays with the "
    "former team."
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "separaties",
        _("Seclusions"),
        _(
            "Seclusions (separatie or afzondering) recorded on the timeline, counted on the day "
            "they happened."
        ),
        _("seclusions in the period"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _seclusions,
    ),
    Indicator(
        "jongeren_gesepareerd",
        _("Youths secluded"),
        _(
            "Youths secluded at least once in the period; a youth secluded several times counts "
            "once per period."
        ),
        _("youths with a seclusion in the period"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _youths_secluded,
    ),
    Indicator(
        "uhp_gedwongen",
        _("Out-of-home placements with a court order"),
        _(
            "Placements that start in the period on a court order: OTS, guardianship, or a "
            "placement or closed-care order (machtiging 72 or 71). A placement counts in the "
            "period it starts, not in the periods it lasts."
        ),
        _("placements started with a court order"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _forced_placements,
    ),
    Indicator(
        "uhp_tegen_wil",
        _("Out-of-home placements against the will of parents and child"),
        _(
            "Placements that start in the period to which a parent with parental authority or "
            "the young person did not agree, as the professional recorded it on the placement. "
            "One objection is enough: the placement is then not carried by the family. This is "
            "not the same as a court order: a placement with a court order can have the "
            "family's agreement, and a voluntary placement can go against the young person's "
            "will. A placement counts in the period it starts."
        ),
        _("placements started against the will of a parent or the young person"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _placements_against_will,
    ),
    Indicator(
        "uhp_instemming_onbekend",
        _("Placements whose agreement is not known"),
        _(
            "Placements that start in the period where nobody is recorded as objecting but the "
            "answer of a parent or of the young person is missing or 'not known', as a share of "
            "all placements started. The higher this share, the less the count of placements "
            "against the will of parents and child can be trusted."
        ),
        _("placements with a missing answer on agreement"),
        _("placements started"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _agreement_unknown,
    ),
    Indicator(
        "gesloten_plaatsingen",
        _("Closed placements (JeugdzorgPlus)"),
        _("Placements in closed youth care (CBS hulpvorm 13) that start in the period."),
        _("closed placements started"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _closed_placements,
    ),
    Indicator(
        "drie_overplaatsingen",
        _("Youths with 3 or more transfers in 12 months"),
        _(
            "Youths who, at a transfer between placements in the period, had three or more "
            "transfers in the twelve months up to and including it. Each youth counts once per "
            "period."
        ),
        _("youths reaching 3 transfers in 12 months"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _repeated_transfers,
    ),
    Indicator(
        "zonder_analyse",
        _("Trajectories started without an explanatory analysis"),
        _(
            "Interventions that start in the period while the case has no explanatory analysis "
            "yet, as a share of all interventions started."
        ),
        _("interventions started before any explanatory analysis"),
        _("interventions started"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _without_analysis,
    ),
    Indicator(
        "overdrachten",
        _("Handovers per household"),
        _(
            "Handovers recorded on the timeline plus transfers of the case to another team, per "
            "household with an open case in the period. A case counts as open in every period "
            "between its start and its end."
        ),
        _("handovers and transfers to another team"),
        _("households with an open case"),
        Direction.DOWN,
        Unit.PER_HOUSEHOLD,
        _handovers,
    ),
    Indicator(
        "wachttijd_boven_norm",
        _("Waiting periods above the norm"),
        _(
            "Waiting periods that end in the period and lasted longer than the norm, as a share "
            "of all waiting periods ending in the period. A waiting period counts in the period "
            "it ends, when its length is known."
        ),
        _("waiting periods longer than the norm"),
        _("waiting periods ended"),
        Direction.DOWN,
        Unit.PERCENTAGE,
        _waits_over_norm,
    ),
    Indicator(
        "doelrealisatie",
        _("Goal attainment"),
        _(
            "The mean goal attainment score (-2 to +2, goal attainment scaling) of the "
            "monitoring moments in the period. Scores on the 1 to 10 scale are not included."
        ),
        _("sum of the scores"),
        _("scores"),
        Direction.UP,
        Unit.MEAN,
        _goal_attainment,
    ),
    Indicator(
        "gehoord",
        _("Families who feel heard"),
        _(
            "Monitoring moments in the period where the family answered 4 or 5 to "
            "'do you feel heard?', as a share of the moments where they answered."
        ),
        _("moments with 4 or 5"),
        _("moments with an answer"),
        Direction.UP,
        Unit.PERCENTAGE,
        _heard,
    ),
    Indicator(
        "afgebroken",
        _("Trajectories broken off"),
        _("Trajectories broken off, counted on the day they were broken off."),
        _("trajectories broken off"),
        None,
        Direction.DOWN,
        Unit.COUNT,
        _broken_off,
    ),
    Indicator(
        "registratie_minuten",
        _("Registration minutes per household"),
        _(
            "Minutes that the forms of a case were open until they were saved (monitoring "
            "moments, events, plan and analysis versions, ...), per household with an open case "
            "in the period; in the month view: minutes of registration per household per month. "
            "Measured by the application itself, without time-keeping: a form left open for "
            "more than two hours counts as two hours, and forms not tied to a case (registering "
            "a household, a knelpunt) are not included."
        ),
        _("minutes of registration"),
        _("households with an open case"),
        Direction.DOWN,
        Unit.PER_HOUSEHOLD,
        _registration_minutes,
    ),
)

# The critical incidents and the zero goals of issue 18 live in their own module, which needs the
# types above; import INDICATORS from here, never that module directly.
from .continuity import CONTINUITY_INDICATORS  # noqa: E402
from .incident_indicators import INCIDENT_INDICATORS  # noqa: E402

INDICATORS = INDICATORS + INCIDENT_INDICATORS + CONTINUITY_INDICATORS
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
