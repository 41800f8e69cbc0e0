"""A household with a parent and two young people, and family accounts made through the same
actions as the pages use."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from elkedagbeter.cases.models import Case, Goal, HouseholdMember, MemberRole, PlanVersion
from elkedagbeter.cases.selectors import case_grant
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment

from .. import actions
from ..models import FamilyAccess


@dataclass
class Household:
    parent: HouseholdMember
    teen: HouseholdMember  # 14: parents see their part
    older: HouseholdMember  # 17: decides for themselves
    goal: Goal
    plan: PlanVersion
    moment: MonitoringMoment


def household(case: Case, by: User) -> Household:
    year = timezone.localdate().year
    parent = HouseholdMember.objects.create(case=case, role=MemberRole.PARENT, birth_year=year - 40)
    teen = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=year - 14)
    older = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=year - 17)
    goal = Goal.objects.create(case=case, text="Weer naar school gaan")
    plan = PlanVersion.objects.create(
        case=case, number=1, text="Elke week een gesprek.", created_by=by
    )
    moment = MonitoringMoment.objects.create(
        case=case, scale="gas", safety=7, plan_fits="ja", recorded_by=by
    )
    GoalScore.objects.create(moment=moment, goal=goal, scale="gas", score=1)
    return Household(parent, teen, older, goal, plan, moment)


def request_as(user: User) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def invited(professional: User, case: Case, member: HouseholdMember, kind: str) -> str:
    request = request_as(professional)
    grant = case_grant(professional, case)
    assert grant is not None
    _invitation, code = actions.invite(request, case, grant, member, kind)
    return code


def family_account(
    professional: User, case: Case, member: HouseholdMember, kind: str, username: str
) -> FamilyAccess:
    code = invited(professional, case, member, kind)
    invitation = actions.find_invitation(code)
    assert invitation is not None
    access = actions.redeem(
        request_as(professional), invitation, username=username, password=PASSWORD
    )
    TOTPDeviceFactory(user=access.user)
    return access


def family_client(access: FamilyAccess) -> Client:
    client = Client()
    client.force_login(access.user)
    device = access.user.totpdevice_set.get(confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
