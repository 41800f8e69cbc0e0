"""The family's writes: invitations (issue, withdraw, redeem), their answers, their verdict on
the plan, the youth check and a young person's choice to share. Each logs itself."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from elkedagbeter.accounts.codes import ALPHABET, normalise
from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode, Result
from elkedagbeter.cases.models import (
    Case,
    Goal,
    HouseholdMember,
    PlanVersion,
    YouthStatement,
    YouthView,
)
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.monitoring.models import SCALE_RANGES, GoalScore, MonitoringMoment, ScoreScale

from .models import (
    FamilyAccess,
    FamilyAnswer,
    FamilyGoalScore,
    FamilyKind,
    Invitation,
    PlanVerdict,
    TeamContact,
    YouthCheck,
)
from .visibility import may_be_invited
from .youth_check import ANSWER_VALUES, CHECK_CODES, KNOWS_WHY, TRUSTED_PERSON

INVITATION_DAYS = 14
CODE_LENGTH = 12
FAMILY_ORGANISATION = "gezin"


def _digest(code: str) -> str:
    return salted_hmac(
        "elkedagbeter.family-invitation", normalise(code), algorithm="sha256"
    ).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _unused in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def log_family(
    request: HttpRequest,
    access: FamilyAccess,
    *,
    event: EventCode,
    action: ActionCode,
    reason: str = "",
    result: Result = Result.SUCCESS,
    user: User | None = None,
) -> None:
    """One access-log entry for a family member on their own case."""
    case = access.case
    record_access(
        request,
        event=event,
        action=action,
        rule=AuthorisationRule.SELF,
        result=result,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        reason=reason,
        role=access.kind,
        organisation=FAMILY_ORGANISATION,
        region_code=case.team.region.code,
        user=user,
    )


def _log_team(
    request: HttpRequest, case: Case, grant: CaseGrant, event: EventCode, what: str
) -> None:
    record_access(
        request,
        event=event,
        action=ActionCode.CREATE if event == EventCode.ACCOUNT_CODE_ISSUE else ActionCode.UPDATE,
        rule=grant.rule,
        membership=grant.membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        reason=what,
    )


def invite(
    request: HttpRequest, case: Case, grant: CaseGrant, member: HouseholdMember, kind: str
) -> tuple[Invitation, str]:
    """A new invitation for ``member`` of ``case``; returns it and the code (shown once)."""
    if member.case_id != case.pk:
        raise ValidationError(_("This person is not a member of this household."))
    if not may_be_invited(member, kind):
        raise ValidationError(
            _(
                "Invite a parent or carer as a parent, and a young person of 12 or older "
                "as a young person."
            )
        )
    code = _new_code()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            case=case,
            member=member,
            kind=kind,
            code_digest=_digest(code),
            invited_by=request.user if request.user.is_authenticated else None,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        _log_team(request, case, grant, EventCode.ACCOUNT_CODE_ISSUE, f"family invitation {kind}")
    return invitation, code


def withdraw(request: HttpRequest, case: Case, grant: CaseGrant, invitation: Invitation) -> None:
    with transaction.atomic():
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        _log_team(request, case, grant, EventCode.CASE_UPDATE, "family invitation withdrawn")


def end_access(request: HttpRequest, case: Case, grant: CaseGrant, access: FamilyAccess) -> None:
    with transaction.atomic():
        access.ended_at = timezone.now()
        access.save(update_fields=["ended_at"])
        _log_team(request, case, grant, EventCode.CASE_UPDATE, f"family access {access.kind} ended")


def find_invitation(code: str) -> Invitation | None:
    """The usable invitation with this code, or None (wrong, used, withdrawn or expired)."""
    invitation = (
        Invitation.objects.select_related("case__team__region", "member")
        .filter(code_digest=_digest(code))
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable() else None


def log_refused_code(request: HttpRequest) -> None:
    record_access(
        request,
        event=EventCode.ACCOUNT_CODE_REDEEM,
        action=ActionCode.EXECUTE,
        rule=AuthorisationRule.NONE,
        result=Result.REFUSED,
        reason="family invitation: wrong, used, withdrawn or expired code",
    )


def redeem(
    request: HttpRequest, invitation: Invitation, *, username: str, password: str
) -> FamilyAccess:
    """Use the invitation: a new account with the person's own password, linked to the case.
    The second factor is set up next (``accounts.codes.allow_enrolment``)."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable():
            raise ValidationError(_("This code was used already or has expired."))
        user = User(username=username)
        user.set_password(password)
        user.save()
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
        access = FamilyAccess.objects.create(
            user=user,
            case=invitation.case,
            member=invitation.member,
            kind=invitation.kind,
            invitation=locked,
        )
        log_family(
            request,
            access,
            event=EventCode.ACCOUNT_CODE_REDEEM,
            action=ActionCode.EXECUTE,
            reason="family invitation used",
            user=user,
        )
    return access


def set_contact(request: HttpRequest, case: Case, grant: CaseGrant, contact: TeamContact) -> None:
    with transaction.atomic():
        contact.case = case
        contact.save()
        _log_team(request, case, grant, EventCode.CASE_UPDATE, "contact for the family")


@dataclass(frozen=True)
class Answers:
    safety: int
    heard: int
    scores: dict[int, int]  # goal id -> score on the case's scale


def _carry_to_moment(moment: MonitoringMoment) -> None:
    """Write what the family members answered into the moment's family fields, which the
    indicators and the attention rules read: per desired result the family score farthest from
    the professional's (one member's large difference is enough for a signal), and the lowest
    "heard" (the one who feels least heard counts)."""
    answers = list(FamilyAnswer.objects.filter(moment=moment).prefetch_related("scores"))
    if not answers:
        return
    by_goal: dict[int, list[int]] = {}
    for answer in answers:
        for score in answer.scores.all():
            by_goal.setdefault(score.goal_id, []).append(score.score)
    for goal_score in GoalScore.objects.filter(moment=moment, goal_id__in=by_goal):
        own = goal_score.score
        goal_score.family_score = max(by_goal[goal_score.goal_id], key=lambda s: abs(s - own))
        goal_score.save(update_fields=["family_score"])
    moment.heard = min(answer.heard for answer in answers)
    moment.save(update_fields=["heard"])  # the attention signals refresh on this save


def give_answers(
    request: HttpRequest, access: FamilyAccess, moment: MonitoringMoment, given: Answers
) -> FamilyAnswer:
    """The family member's own answers at ``moment``. They also fill the moment's family fields
    (``GoalScore.family_score``, ``MonitoringMoment.heard``, see ``_carry_to_moment``), which the
    indicators and the attention rules ("scores differ", "not heard") read."""
    if moment.case_id != access.case_id:
        raise ValidationError(_("This conversation is not about your household."))
    low, high = SCALE_RANGES[ScoreScale(moment.scale)]
    goal_ids = set(Goal.objects.filter(case_id=access.case_id).values_list("pk", flat=True))
    if not set(given.scores) <= goal_ids or any(
        not low <= score <= high for score in given.scores.values()
    ):
        raise ValidationError(_("A score is not on the scale."))
    with transaction.atomic():
        answer, _created = FamilyAnswer.objects.update_or_create(
            access=access,
            moment=moment,
            defaults={"safety": given.safety, "heard": given.heard, "answered_at": timezone.now()},
        )
        answer.scores.all().delete()
        FamilyGoalScore.objects.bulk_create(
            FamilyGoalScore(answer=answer, goal_id=goal_id, score=score)
            for goal_id, score in given.scores.items()
        )
        _carry_to_moment(moment)
        log_family(
            request,
            access,
            event=EventCode.CASE_UPDATE,
            action=ActionCode.UPDATE,
            reason="family answers at a monitoring moment",
        )
    return answer


def give_verdict(
    request: HttpRequest, access: FamilyAccess, plan: PlanVersion, *, agrees: bool, reason: str
) -> PlanVerdict:
    if plan.case_id != access.case_id:
        raise ValidationError(_("This plan is not about your household."))
    if not agrees and not reason.strip():
        raise ValidationError(_("Tell us why you do not agree."))
    with transaction.atomic():
        verdict, _created = PlanVerdict.objects.update_or_create(
            access=access,
            plan_version=plan,
            defaults={"agrees": agrees, "reason": reason.strip(), "given_at": timezone.now()},
        )
        log_family(
            request,
            access,
            event=EventCode.CASE_UPDATE,
            action=ActionCode.UPDATE,
            reason="family verdict on the plan",
        )
    return verdict


# The youth check's questions the figures read, and the statement each becomes on the household.
FIGURE_STATEMENTS = {
    KNOWS_WHY: YouthStatement.KNOWS_WHY,
    TRUSTED_PERSON: YouthStatement.TRUSTED_PERSON,
}


def _carry_to_figures(access: FamilyAccess, answers: dict[str, int]) -> None:
    """ "I know why I live where I live now" and "I have one person I trust who stays" go to the
    young person's own views on the household, which the indicators read (zonder_uitleg,
    vaste_hulpverlener) before the professional's record."""
    if access.member_id is None:
        return
    YouthView.objects.bulk_create(
        YouthView(
            member_id=access.member_id,
            statement=statement,
            answer=answers[code],
            given_on=timezone.localdate(),
        )
        for code, statement in FIGURE_STATEMENTS.items()
        if code in answers
    )


def give_youth_check(
    request: HttpRequest, access: FamilyAccess, answers: dict[str, int]
) -> YouthCheck:
    if access.kind != FamilyKind.YOUTH:
        raise ValidationError(_("This check is for young people."))
    if set(answers) - set(CHECK_CODES) or any(v not in ANSWER_VALUES for v in answers.values()):
        raise ValidationError(_("An answer is not one of the choices."))
    with transaction.atomic():
        check = YouthCheck.objects.create(access=access, answers=answers)
        _carry_to_figures(access, answers)
        log_family(
            request,
            access,
            event=EventCode.CASE_UPDATE,
            action=ActionCode.UPDATE,
            reason="youth check",
        )
    return check


def set_sharing(request: HttpRequest, access: FamilyAccess, *, shares: bool) -> None:
    if access.kind != FamilyKind.YOUTH:
        raise ValidationError(_("Only a young person decides this."))
    with transaction.atomic():
        access.shares_with_parents = shares
        access.save(update_fields=["shares_with_parents"])
        log_family(
            request,
            access,
            event=EventCode.CASE_UPDATE,
            action=ActionCode.UPDATE,
            reason=f"shares own part with parents: {shares}",
        )
