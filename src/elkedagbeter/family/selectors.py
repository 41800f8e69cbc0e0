"""The family's reads, scoped at the source: a family account reaches its own household's case
and nothing else. What is shown of each member follows ``visibility``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elkedagbeter.attention.models import CaseConference
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule, EventCode, Result
from elkedagbeter.cases.models import Case, Event, Goal, Involvement, PlanVersion
from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.cases.page_parts import CasePart
from elkedagbeter.monitoring.models import MonitoringMoment
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import roles_of
from elkedagbeter.prepared import prepared

from .models import (
    FamilyAccess,
    FamilyAnswer,
    FamilyKind,
    PlanVerdict,
    TeamContact,
    YouthCheck,
)
from .visibility import Viewer, viewer_for
from .words import everyday
from .youth_check import QUESTIONS

_CACHE = "_edb_family_access"
_MISSING = object()


def family_access_of(user: Any) -> FamilyAccess | None:
    """The user's running access to a household's case (cached on the user object)."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, _CACHE, _MISSING)
    if cached is _MISSING:
        cached = (
            FamilyAccess.objects.select_related("case__team__region", "member")
            .filter(user_id=user.pk, ended_at__isnull=True, case__closed_on__isnull=True)
            .first()
        )
        setattr(user, _CACHE, cached)
    return cached  # type: ignore[return-value]


def has_family_access(user: Any) -> bool:
    """A family account is made by its invitation and has no membership: someone with a role
    (already read for this request) is never one, and costs no query here."""
    if roles_of(user):
        return False
    return family_access_of(user) is not None


@dataclass(frozen=True)
class TimelineLine:
    day: date
    text: str
    is_conference: bool = False


@dataclass
class FamilyPage:
    case: Case
    viewer: Viewer
    plan: PlanVersion | None
    goals: list[Goal]
    involvements: list[Involvement]
    contact: TeamContact | None
    planned: list[CaseConference]  # from today, soonest first
    conferences: list[CaseConference]  # held before today, latest first, with their agreements
    timeline: list[TimelineLine]
    moment: MonitoringMoment | None
    own_answer: FamilyAnswer | None
    own_verdict: PlanVerdict | None
    parents_hidden: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def latest_moment(case: Case) -> MonitoringMoment | None:
    return MonitoringMoment.objects.filter(case=case).order_by("-recorded_on", "-id").first()


def current_plan(case: Case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case).order_by("-number").first()


def open_goals(case: Case) -> list[Goal]:
    return list(Goal.objects.filter(case=case, closed_on__isnull=True))


def family_page(access: FamilyAccess) -> FamilyPage:
    case = access.case
    viewer = viewer_for(access)
    plan = current_plan(case)
    moment = latest_moment(case)
    events = [
        e
        for e in Event.objects.filter(case=case).order_by("-started_on", "-id")
        if viewer.sees_member(e.member_id)
    ]
    today = timezone.localdate()
    conferences = list(
        CaseConference.objects.filter(case=case).prefetch_related("agreements").order_by("held_on")
    )
    lines = [TimelineLine(e.started_on, str(everyday(e.kind))) for e in events]
    lines.sort(key=lambda line: line.day, reverse=True)
    return FamilyPage(
        case=case,
        viewer=viewer,
        plan=plan,
        goals=open_goals(case),
        involvements=list(Involvement.objects.filter(case=case, ended_on__isnull=True)),
        contact=TeamContact.objects.filter(case=case).first(),
        planned=[c for c in conferences if c.held_on >= today],
        conferences=[c for c in reversed(conferences) if c.held_on < today],
        timeline=lines,
        moment=moment,
        own_answer=(
            FamilyAnswer.objects.filter(access=access, moment=moment)
            .prefetch_related("scores")
            .first()
            if moment is not None
            else None
        ),
        own_verdict=(
            PlanVerdict.objects.filter(access=access, plan_version=plan).first()
            if plan is not None
            else None
        ),
    )


@dataclass(frozen=True)
class LookLine:
    when: datetime
    organisation: str
    role: str
    what: str
    why: str
    reason: str  # the reason the person stated, when their access needs one


_ROLE_LABELS: dict[str, Promise] = {
    **{value: label for value, label in Role.choices},
    **{value: label for value, label in FamilyKind.choices},
}
_WHAT: dict[str, Promise] = {
    EventCode.CASE_READ: _("looked at your file"),
    EventCode.CASE_UPDATE: _("changed something in your file"),
    EventCode.CASE_EXPORT: _("made a copy of your file"),
    EventCode.CASE_CREATE: _("started your file"),
}
_WHY: dict[str, Promise] = {
    AuthorisationRule.TEAM_MEMBERSHIP: _("works in your team"),
    AuthorisationRule.ESCALATION: _("expert team that helps your team"),
    AuthorisationRule.CONSULTATION: _("expert team that your team asked for advice"),
    AuthorisationRule.REVIEW_ROUND: _("expert team that reads files to learn from them"),
    AuthorisationRule.BREAK_GLASS: _("access in an emergency"),
    AuthorisationRule.ADMIN: _("manages the system"),
    AuthorisationRule.SELF: _("someone of your family"),
}
# Accesses for which the person states a reason themselves (the other reasons are the system's).
_STATED = frozenset({AuthorisationRule.ESCALATION, AuthorisationRule.BREAK_GLASS})


def who_looked(access: FamilyAccess) -> QuerySet[AccessLogEntry]:
    """The access log of the family's own case, and nothing else: reads and changes that
    succeeded, by others than the family member themselves. The user's name is not part of it;
    the organisation, the role and a stated reason are."""
    return (
        AccessLogEntry.objects.filter(
            object_type=OBJECT_TYPE_CASE,
            object_ref=access.case.reference,
            event_code__in=list(_WHAT),
            result=Result.SUCCESS,
        )
        .exclude(user_id_ref=str(access.user_id))
        .order_by("-occurred_at", "-id")
    )


def look_lines(entries: list[AccessLogEntry]) -> list[LookLine]:
    family_roles = set(FamilyKind.values)
    return [
        LookLine(
            when=entry.occurred_at,
            organisation=(
                str(_("your family")) if entry.user_role in family_roles else entry.organisation
            ),
            role=str(_ROLE_LABELS.get(entry.user_role, entry.user_role)),
            what=str(_WHAT[entry.event_code]),
            why=str(_WHY.get(entry.authorisation_rule, "")),
            reason=entry.reason if entry.authorisation_rule in _STATED else "",
        )
        for entry in entries
    ]


# --- Beside the professional's, on the case page -------------------------------------------------


# On every case page of its team (elkedagbeter/prepared.py).
_ACCESSES = prepared(lambda case_id: FamilyAccess.objects.filter(case_id=case_id), case_id=int)


@dataclass(frozen=True)
class ScoreRow:
    goal: str
    professional: int | None
    family: list[tuple[str, int]]


def case_part(user: Any, case: Case, overview: CaseOverview) -> CasePart | None:
    """The family's own voice on the case page: their scores beside the professional's, their
    verdicts on the plan and the latest youth check. A case without any family account gets only
    the link to invite them (one query). The latest moment and the open goals are the ones the
    case page already read."""
    accesses = _ACCESSES.list(case_id=case.pk, known={"case": case})
    if not accesses:
        return CasePart("family/case_part.html", {"case": case, "accesses": []})
    moment = overview.moments[0] if overview.moments else None
    rows: list[ScoreRow] = []
    answers: list[FamilyAnswer] = []
    if moment is not None:
        answers = list(
            FamilyAnswer.objects.filter(moment=moment)
            .select_related("access")
            .prefetch_related("scores")
        )
        professional = {s.goal_id: s.score for s in moment.scores.all()}
        for goal in overview.goals:
            family = [
                (str(a.access.get_kind_display()), s.score)
                for a in answers
                for s in a.scores.all()
                if s.goal_id == goal.pk
            ]
            rows.append(ScoreRow(goal.text, professional.get(goal.pk), family))
    verdicts = list(
        PlanVerdict.objects.filter(plan_version__case=case)
        .select_related("access", "plan_version")
        .order_by("-plan_version__number", "-given_at")[:6]
    )
    checks = list(
        YouthCheck.objects.filter(access__case=case)
        .select_related("access")
        .order_by("-given_at")[:1]
    )
    return CasePart(
        "family/case_part.html",
        {
            "case": case,
            "moment": moment,
            "rows": rows,
            "answers": answers,
            "verdicts": verdicts,
            "check": checks[0] if checks else None,
            "check_lines": (
                [(str(q.text), checks[0].answers.get(q.code)) for q in QUESTIONS] if checks else []
            ),
            "accesses": [access for access in accesses if access.ended_at is None],
        },
    )
