"""A case with one record of every kind linked to it, for the purge and export tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.models import AccessLogEntry, ActionCode, AuthorisationRule, EventCode
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level
from elkedagbeter.bottlenecks.tests.factories import BodyFactory
from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    CaseTransfer,
    ChangeRecord,
    EmergencyAccess,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    InvolvementMode,
    MemberRole,
    Party,
    PlanVersion,
    ResidenceType,
    TransferKind,
)
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.organisations.models import Team

YOUTH_BSN = "123456782"
OTHER_BSN = "111222333"


@dataclass
class FullCase:
    case: Case
    youth: HouseholdMember
    parent: HouseholdMember
    own_event: Event
    parent_event: Event
    bottleneck: Bottleneck


def full_case(
    team: Team, user: User, *, bsn: str = YOUTH_BSN, opened: date, closed: date | None
) -> FullCase:
    """A household case with a youth (pseudonym from ``bsn``), a parent and one record of
    every kind the platform links to a case."""
    case = Case.objects.create(team=team, opened_on=opened, closed_on=closed)
    youth = HouseholdMember.objects.create(
        case=case,
        role=MemberRole.YOUTH,
        birth_year=2010,
        pseudonym=pseudonym_for(bsn, team.region.code),
    )
    parent = HouseholdMember.objects.create(case=case, role=MemberRole.PARENT, birth_year=1980)
    day = opened + timedelta(days=10)
    own_event = Event.objects.create(
        case=case,
        member=youth,
        kind=EventKind.PLACEMENT,
        residence_type=ResidenceType.FOSTER_CARE,
        started_on=day,
        note="Plaatsing in een pleeggezin",
    )
    parent_event = Event.objects.create(
        case=case, member=parent, kind=EventKind.CRISIS, started_on=day, note="Crisis ouder"
    )
    goal = Goal.objects.create(case=case, text="Weer naar school")
    AnalysisVersion.objects.create(
        case=case, number=1, hypotheses={"school_werk": "Schoolangst"}, created_by=user
    )
    PlanVersion.objects.create(case=case, number=1, text="Elke week een gesprek", created_by=user)
    Intervention.objects.create(case=case, description="Gezinscoaching", started_on=day)
    Involvement.objects.create(
        case=case, party=Party.SCHOOL, mode=InvolvementMode.INVOLVED, started_on=day
    )
    moment = MonitoringMoment.objects.create(
        case=case,
        recorded_on=day,
        scale=ScoreScale.GAS,
        safety=7,
        plan_fits=PlanFit.YES,
        heard=4,
        note="Het gaat beter",
        recorded_by=user,
    )
    GoalScore.objects.create(moment=moment, goal=goal, scale=ScoreScale.GAS, score=1)
    CaseTransfer.objects.create(
        case=case,
        kind=TransferKind.ESCALATION,
        from_team=team,
        to_team=team,
        consent_on=day,
        created_by=user,
    )
    EmergencyAccess.objects.create(
        case=case, user=user, reason="Crisisdienst", expires_at=timezone.now()
    )
    for member_id, field in ((youth.pk, "birth_year"), (parent.pk, "birth_year")):
        ChangeRecord.objects.create(
            case=case,
            object_type="householdmember",
            object_id=member_id,
            field=field,
            old_value="",
            new_value="x",
            changed_by=user,
        )
    body = BodyFactory(region=team.region)
    bottleneck = Bottleneck.objects.create(
        region=team.region,
        category=Category.WAITING,
        title="Wachtlijst pleegzorg",
        raised_by=user,
        raised_by_team=team,
        case=case,
        level=Level.MUNICIPALITY,
        body=body,
    )
    AccessLogEntry.objects.create(
        event_code=EventCode.CASE_READ,
        action_code=ActionCode.READ,
        result="success",
        authorisation_rule=AuthorisationRule.TEAM_MEMBERSHIP,
        user_display=user.username,
        object_type="casus",
        object_ref=case.reference,
        client_address="192.0.2.7",
    )
    return FullCase(case, youth, parent, own_event, parent_event, bottleneck)
