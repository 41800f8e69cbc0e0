"""Important writes on cases. Each owns its transaction and its access-log entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment, ScoreScale
from elkedagbeter.monitoring.rules import moment_errors
from elkedagbeter.organisations.models import Membership, Role, Team
from elkedagbeter.organisations.scoping import team_membership

from . import imports
from .models import (
    AnalysisVersion,
    Case,
    CaseTransfer,
    ChangeRecord,
    EmergencyAccess,
    Event,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    PlanVersion,
    TransferKind,
    TriageMarker,
)
from .pseudonyms import pseudonym_for
from .selectors import WRITE_RULES, CaseGrant, case_grant
from .timeline import validate_event


def _own_team_membership(request: HttpRequest, team: Team) -> Membership:
    """The user's professional or coordinator membership of ``team``; refused without one."""
    membership = team_membership(request.user, team.pk, Role.PROFESSIONAL, Role.COORDINATOR)
    if membership is None:
        raise PermissionDenied
    return membership


def register_case(request: HttpRequest, *, team: Team, score_scale: str = ScoreScale.GAS) -> Case:
    """Open a new household case for one of the user's own teams; the registering
    professional becomes its casusregisseur."""
    membership = _own_team_membership(request, team)
    with transaction.atomic():
        manager = _actor(request) if membership.role == Role.PROFESSIONAL else None
        case = Case.objects.create(team=team, case_manager=manager, score_scale=score_scale)
        record_access(
            request,
            event=EventCode.CASE_CREATE,
            action=ActionCode.CREATE,
            rule=AuthorisationRule.TEAM_MEMBERSHIP,
            membership=membership,
            object_type=OBJECT_TYPE_CASE,
            object_ref=case.reference,
        )
    return case


def _log_granted(
    request: HttpRequest,
    case: Case,
    grant: CaseGrant,
    *,
    event: EventCode,
    action: ActionCode,
    reason: str,
) -> None:
    """An access-log entry for something done on a case under ``grant``."""
    record_access(
        request,
        event=event,
        action=action,
        rule=grant.rule,
        membership=grant.membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        reason=reason,
    )


def log_case_read(
    request: HttpRequest,
    case: Case,
    grant: CaseGrant,
    *,
    event: EventCode = EventCode.CASE_READ,
    reason: str = "",
) -> None:
    _log_granted(request, case, grant, event=event, action=ActionCode.READ, reason=reason)


# --- Writes on a case's contents -----------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def write_grant(request: HttpRequest, case: Case) -> CaseGrant:
    """The case's own team and, once escalated, its expert team may change it; an emergency
    read does not allow changes."""
    grant = case_grant(request.user, case)
    if grant is None or grant.rule not in WRITE_RULES:
        raise PermissionDenied
    return grant


def log_case_update(request: HttpRequest, case: Case, grant: CaseGrant, what: str) -> None:
    _log_granted(
        request, case, grant, event=EventCode.CASE_UPDATE, action=ActionCode.UPDATE, reason=what
    )


def created_in_history(request: HttpRequest, case: Case, item: models.Model) -> None:
    ChangeRecord.objects.create(
        case=case,
        object_type=item._meta.model_name or "",
        object_id=item.pk,
        field="*",
        new_value=str(item),
        changed_by=_actor(request),
    )


def _save_new(request: HttpRequest, case: Case, item: models.Model) -> None:
    grant = write_grant(request, case)
    with transaction.atomic():
        item.save()
        created_in_history(request, case, item)
        log_case_update(request, case, grant, f"{item._meta.model_name} {item.pk}")


def add_member(
    request: HttpRequest, case: Case, member: HouseholdMember, *, bsn: str = ""
) -> HouseholdMember:
    """Add a household member; a BSN, if given, only serves to derive the pseudonym."""
    member.case = case
    if bsn:
        member.pseudonym = pseudonym_for(bsn, case.team.region.code)
    _save_new(request, case, member)
    return member


def add_item(request: HttpRequest, case: Case, item: Goal | Involvement | Intervention) -> None:
    item.case = case
    _save_new(request, case, item)


class StaleVersion(Exception):
    """Someone saved a newer version after the form was opened: saving would overwrite it."""

    def __init__(self, latest: AnalysisVersion | PlanVersion) -> None:
        super().__init__(f"{latest} is newer than the form")
        self.latest = latest


def _next_number(case: Case, versions: models.QuerySet[Any], based_on: int | None) -> int:
    """The number of the version to save; refused when it is not based on the latest one.

    The case row is locked first so that two saves of the same case take turns, also when the
    case has no version yet (there is no version row to lock then).
    """
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    latest = versions.order_by("-number").first()
    latest_number = latest.number if latest else 0
    if latest is not None and based_on is not None and based_on != latest_number:
        raise StaleVersion(latest)
    return latest_number + 1


def revise_analysis(
    request: HttpRequest,
    case: Case,
    *,
    hypotheses: dict[str, str],
    reason: str,
    based_on: int | None = None,
) -> AnalysisVersion:
    """Save a new version of the analysis; ``based_on`` is the version the user started from."""
    grant = write_grant(request, case)
    with transaction.atomic():
        version = AnalysisVersion.objects.create(
            case=case,
            number=_next_number(case, case.analysis_versions.all(), based_on),
            hypotheses={domain: text for domain, text in hypotheses.items() if text.strip()},
            reason=reason,
            created_by=_actor(request),
        )
        log_case_update(request, case, grant, f"analysis v{version.number}")
    return version


def revise_plan(
    request: HttpRequest, case: Case, *, text: str, reason: str, based_on: int | None = None
) -> PlanVersion:
    """Save a new version of the plan; ``based_on`` is the version the user started from."""
    grant = write_grant(request, case)
    with transaction.atomic():
        version = PlanVersion.objects.create(
            case=case,
            number=_next_number(case, case.plan_versions.all(), based_on),
            text=text,
            reason=reason,
            created_by=_actor(request),
        )
        log_case_update(request, case, grant, f"plan v{version.number}")
    return version


def record_event(request: HttpRequest, case: Case, event: Event) -> Event:
    """Validate against the case's timeline, de-identify the note, save, keep history."""
    event.case = case
    others = list(case.events.exclude(pk=event.pk))
    validate_event(event, timezone.localdate(), others)
    event.note = deidentify(event.note)
    event.created_by = _actor(request)
    _save_new(request, case, event)
    return event


def update_event(request: HttpRequest, case: Case, event: Event, changes: dict[str, Any]) -> Event:
    """Change an event's fields; every changed field is kept as old → new."""
    grant = write_grant(request, case)
    before = {name: getattr(event, name) for name in changes}
    for name, value in changes.items():
        setattr(event, name, value)
    if "note" in changes:
        event.note = deidentify(event.note)
    validate_event(event, timezone.localdate(), list(case.events.exclude(pk=event.pk)))
    with transaction.atomic():
        event.save()
        for name, old in before.items():
            new = getattr(event, name)
            if old != new:
                ChangeRecord.objects.create(
                    case=case,
                    object_type="event",
                    object_id=event.pk,
                    field=name,
                    old_value="" if old is None else str(old),
                    new_value="" if new is None else str(new),
                    changed_by=_actor(request),
                )
        log_case_update(request, case, grant, f"event {event.pk}")
    return event


@dataclass(frozen=True)
class Consent:
    """The gate every move of a case to another team passes: consent, or a reason without."""

    consent_on: date | None
    override_reason: str


def _record_transfer(
    request: HttpRequest, case: Case, kind: TransferKind, to_team: Team, gate: Consent
) -> tuple[CaseGrant, CaseTransfer]:
    grant = write_grant(request, case)
    if grant.rule != AuthorisationRule.TEAM_MEMBERSHIP:
        raise PermissionDenied
    transfer = CaseTransfer.objects.create(
        case=case,
        kind=kind,
        from_team=case.team,
        to_team=to_team,
        consent_on=gate.consent_on,
        override_reason=gate.override_reason,
        created_by=_actor(request),
    )
    return grant, transfer


def _change_case(request: HttpRequest, case: Case, field: str, old: str, new: str) -> None:
    case.save(update_fields=[field, "updated_at"])
    ChangeRecord.objects.create(
        case=case,
        object_type="case",
        object_id=case.pk,
        field=field,
        old_value=old,
        new_value=new,
        changed_by=_actor(request),
    )


def set_markers(request: HttpRequest, case: Case, markers: list[str]) -> Case:
    """The household's light triage markers (optional; the signals and aggregate comparisons
    use them). The change is kept in the case's history."""
    grant = write_grant(request, case)
    new = sorted(set(markers) & set(TriageMarker.values))
    old = sorted(case.markers or [])
    if new == old:
        return case
    case.markers = new
    with transaction.atomic():
        _change_case(request, case, "markers", ", ".join(old), ", ".join(new))
        log_case_update(request, case, grant, "triage markers")
    return case


@transaction.atomic
def escalate_case(
    request: HttpRequest, case: Case, *, expert_team: Team, gate: Consent
) -> CaseTransfer:
    """Share the case with the region's expert team."""
    grant, transfer = _record_transfer(request, case, TransferKind.ESCALATION, expert_team, gate)
    case.escalated_to = expert_team
    _change_case(request, case, "escalated_to", "", str(expert_team))
    log_case_update(request, case, grant, f"escalated to {expert_team}")
    return transfer


@transaction.atomic
def transfer_case(
    request: HttpRequest, case: Case, *, to_team: Team, gate: Consent
) -> CaseTransfer:
    """Hand the case over to another neighbourhood team, which owns it from now on."""
    if to_team.pk == case.team_id or to_team.region_id != case.team.region_id:
        raise PermissionDenied
    grant, transfer = _record_transfer(request, case, TransferKind.TRANSFER, to_team, gate)
    old_team = str(case.team)
    case.team = to_team
    _change_case(request, case, "team", old_team, str(to_team))
    log_case_update(request, case, grant, f"transferred from {old_team} to {to_team}")
    return transfer


def break_glass(request: HttpRequest, case: Case, *, reason: str) -> EmergencyAccess:
    """Emergency read access for a case-data role outside the case's teams, for a few hours."""
    access = EmergencyAccess.objects.create(
        case=case,
        user=_actor(request),
        reason=reason,
        expires_at=timezone.now() + timedelta(hours=settings.EMERGENCY_ACCESS_HOURS),
    )
    record_access(
        request,
        event=EventCode.CASE_READ,
        action=ActionCode.READ,
        rule=AuthorisationRule.BREAK_GLASS,
        object_type=OBJECT_TYPE_CASE,
        object_ref=case.reference,
        reason=reason,
    )
    return access


def import_file(
    request: HttpRequest,
    rows: list[dict[str, str]],
    *,
    kind: imports.ImportKind,
    team: Team,
    mode: imports.ImportMode,
    commit: bool,
) -> imports.ImportReport:
    """Check (and with ``commit`` write) an import for one of the user's own teams; every case
    written to gets an access-log entry."""
    membership = _own_team_membership(request, team)
    report = imports.run_import(rows, kind=kind, team=team, mode=mode, commit=commit)
    for reference in sorted(report.cases):
        record_access(
            request,
            event=EventCode.CASE_IMPORT,
            action=ActionCode.CREATE if kind == imports.ImportKind.CASES else ActionCode.UPDATE,
            rule=AuthorisationRule.TEAM_MEMBERSHIP,
            membership=membership,
            object_type=OBJECT_TYPE_CASE,
            object_ref=reference,
            reason=f"import {kind.value}",
        )
    return report


def log_case_export(request: HttpRequest, case: Case, grant: CaseGrant, format_: str) -> None:
    log_case_read(request, case, grant, event=EventCode.CASE_EXPORT, reason=format_)


# --- Monitoring moments (data and rules in the monitoring app, below cases) ----------------------


def record_moment(
    request: HttpRequest,
    case: Case,
    moment: MonitoringMoment,
    scores: dict[int, int],
    *,
    family: dict[int, int] | None = None,
) -> MonitoringMoment:
    """Save a moment with a score per goal (goal id → score) and, optionally, the family's own
    score per goal; the scale is the case's; the note is de-identified."""
    grant = write_grant(request, case)
    family = family or {}
    goals = set(case.goals.filter(closed_on__isnull=True).values_list("pk", flat=True))
    unknown = (set(scores) | set(family)) - goals
    if unknown:
        raise ValidationError(_("Scores can only be given for this case's open desired results."))
    earlier = case.monitoring_moments.exists()
    if not moment.scale or (earlier and moment.scale != case.score_scale):
        # The scale is fixed on the case; the first moment may still choose it.
        moment.scale = case.score_scale
    errors = moment_errors(moment, scores) | {
        f"family_{key[5:]}": message
        for key, message in moment_errors(moment, family).items()
        if key.startswith("goal_")
    }
    if errors:
        raise ValidationError(errors)
    moment.case = case
    moment.note = deidentify(moment.note)
    moment.recorded_by = request.user  # type: ignore[assignment]
    with transaction.atomic():
        if moment.scale != case.score_scale:
            Case.objects.filter(pk=case.pk).update(score_scale=moment.scale)
            case.score_scale = moment.scale
        moment.save()
        GoalScore.objects.bulk_create(
            GoalScore(
                moment=moment,
                goal_id=goal_id,
                scale=moment.scale,
                score=score,
                family_score=family.get(goal_id),
            )
            for goal_id, score in scores.items()
        )
        created_in_history(request, case, moment)
        log_case_update(request, case, grant, f"monitoring moment {moment.pk}")
    return moment
