"""Retention: what each kind of data is, from which moment its retention counts, and how the
purge removes it. ``settings.RETENTION_DAYS`` gives the days per kind; a kind left out is kept.

Every kind is two plain functions on a cut-off moment: ``count`` (what would go) and ``remove``
(what went). ``run_purge`` runs them in order, each applied kind in its own transaction, and
writes one ``PurgeRun`` record per run, dry run or not. See docs/retention.md for the choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from elkedagbeter.accounts.models import AccountCode
from elkedagbeter.api.models import ApiToken
from elkedagbeter.audit.actions import purge_expired_entries
from elkedagbeter.audit.models import AccessLogEntry
from elkedagbeter.cases.models import Case, EmergencyAccess, Event, FormTiming
from elkedagbeter.ijw.models import (
    CareEpisode,
    PendingStop,
    ProcessedMessage,
    UnregisteredStatus,
    UnregisteredYouth,
)
from elkedagbeter.indicators.facts import archive_cases
from elkedagbeter.monitoring.models import MonitoringMoment
from elkedagbeter.organisations.models import MembershipRequest, RequestStatus
from elkedagbeter.reviews.chains import histories_of_cases
from elkedagbeter.reviews.models import Dossier, ImportedDossier, RoundStatus
from elkedagbeter.stories.models import Story, StoryStatus

from .models import PurgeRun

BATCH = 500


@dataclass(frozen=True)
class Kind:
    code: str
    what: str  # for the operator (command output is English)
    counts_from: str
    count: Callable[[datetime], int]
    remove: Callable[[datetime, str], int]
    held_back: Callable[[datetime], int] = lambda cutoff: 0
    verbs: tuple[str, str] = ("remove", "removed")  # for the operator's output


# --- Cases ---------------------------------------------------------------------------------------


def _closed_before(cutoff: datetime) -> QuerySet[Case]:
    return Case.objects.filter(closed_on__isnull=False, closed_on__lt=timezone.localdate(cutoff))


def expired_cases(cutoff: datetime) -> QuerySet[Case]:
    """Closed before the cut-off and not (any longer) in a review round's sample: a dossier
    protects its case until ``review_dossiers`` has detached it."""
    return _closed_before(cutoff).filter(review_dossiers__isnull=True)


def _remove_cases(cutoff: datetime, operator: str) -> int:
    ids = list(expired_cases(cutoff).order_by("pk").values_list("pk", flat=True))
    removed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        # Their share of every figure is kept as counts first, so published figures stay.
        archive_cases(chunk)
        # An event protects its household member, so the events go first.
        Event.objects.filter(case_id__in=chunk).delete()
        _total, per_model = Case.objects.filter(pk__in=chunk).delete()
        removed += per_model.get(Case._meta.label, 0)
    return removed


# --- Review dossiers -----------------------------------------------------------------------------


def expired_dossiers(cutoff: datetime) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        case__isnull=False, round__status=RoundStatus.CLOSED, round__closed_at__lt=cutoff
    )


def detach_dossier(dossier: Dossier) -> None:
    """Replace a sampled case by a frozen, anonymous copy of what the findings read from it
    (placement chain, transfers, the team as organisation), as an imported dossier would be.
    Answers, resolutions and observations stay; the link to the case goes."""
    assert dossier.case is not None
    history = histories_of_cases([dossier.case.pk])[dossier.case.pk]
    dossier.imported = ImportedDossier.objects.create(
        round=dossier.round,
        source_ref=f"{dossier.label}-casus",
        organisation=dossier.case.team.name[:120],
        residence_chain=list(history.chain),
        transfers=history.transfers,
    )
    dossier.case = None
    dossier.save(update_fields=["case", "imported"])


def _detach_dossiers(cutoff: datetime, operator: str) -> int:
    dossiers = list(expired_dossiers(cutoff).select_related("round", "case__team"))
    for dossier in dossiers:
        detach_dossier(dossier)
    return len(dossiers)


# --- Smaller kinds -------------------------------------------------------------------------------


def _notes(cutoff: datetime) -> QuerySet[MonitoringMoment]:
    return MonitoringMoment.objects.filter(recorded_on__lt=timezone.localdate(cutoff)).exclude(
        note=""
    )


def _emergency(cutoff: datetime) -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(expires_at__lt=cutoff)


def _sessions(cutoff: datetime) -> QuerySet[Session]:
    return Session.objects.filter(expire_date__lt=cutoff)


_LOGIN_MODELS = (AccessAttempt, AccessLog, AccessFailureLog)


def _count_logins(cutoff: datetime) -> int:
    return sum(m.objects.filter(attempt_time__lt=cutoff).count() for m in _LOGIN_MODELS)


def _remove_logins(cutoff: datetime, operator: str) -> int:
    return sum(m.objects.filter(attempt_time__lt=cutoff).delete()[0] for m in _LOGIN_MODELS)


def _tokens(cutoff: datetime) -> QuerySet[ApiToken]:
    """Expired before the cut-off, or revoked and not used (or made) since: a token keeps no
    revocation time, and a revoked token cannot be used, so its last use bounds it."""
    return ApiToken.objects.annotate(active=Coalesce("last_used_at", "created_at")).filter(
        Q(expires_at__lt=cutoff) | Q(revoked=True, active__lt=cutoff)
    )


def _account_codes(cutoff: datetime) -> QuerySet[AccountCode]:
    """Used, voided or expired before the cut-off: a code that can no longer be used. A voided
    code keeps no voiding time, and it expires on its own, so its expiry bounds it."""
    return AccountCode.objects.filter(Q(expires_at__lt=cutoff) | Q(used_at__lt=cutoff))


def _membership_requests(cutoff: datetime) -> QuerySet[MembershipRequest]:
    """Decided before the cut-off; a pending request waits for its decision."""
    return MembershipRequest.objects.exclude(status=RequestStatus.PENDING).filter(
        decided_at__lt=cutoff
    )


def _form_timing_users(cutoff: datetime) -> QuerySet[FormTiming]:
    """Saved before the cut-off and still naming who filled the form in."""
    return FormTiming.objects.filter(saved_at__lt=cutoff, user__isnull=False)


def _forget_form_users(cutoff: datetime, operator: str) -> int:
    # The registration-time indicator reads only the seconds and the case, never the person.
    return _form_timing_users(cutoff).update(user=None)


def _stories(status: StoryStatus, since: str) -> Callable[[datetime], QuerySet[Story]]:
    def expired(cutoff: datetime) -> QuerySet[Story]:
        # A story a Most Significant Change panel chose stays, so that round stays readable.
        return Story.objects.filter(status=status, **{f"{since}__lt": cutoff}).filter(
            msc_selections__isnull=True
        )

    return expired


Query = Callable[[datetime], QuerySet[Any]]


def _deleting(query: Query) -> Callable[[datetime, str], int]:
    def remove(cutoff: datetime, operator: str) -> int:
        expired = query(cutoff)
        _total, per_model = expired.delete()
        return per_model.get(expired.model._meta.label, 0)

    return remove


def _counting(query: Query) -> Callable[[datetime], int]:
    return lambda cutoff: query(cutoff).count()


def _deleted_rows(code: str, what: str, counts_from: str, query: Query) -> Kind:
    """A kind whose expired records are the rows of one query, deleted as they are."""
    return Kind(code, what, counts_from, _counting(query), _deleting(query))


def _care_episodes(cutoff: datetime) -> QuerySet[CareEpisode]:
    """Care that ended before the cut-off; care still running is kept."""
    return CareEpisode.objects.filter(ended_on__lt=cutoff.date())


def _processed_messages(cutoff: datetime) -> QuerySet[ProcessedMessage]:
    return ProcessedMessage.objects.filter(processed_at__lt=cutoff)


def _pending_stops(cutoff: datetime) -> QuerySet[PendingStop]:
    """Stops whose start never came: received before the cut-off."""
    return PendingStop.objects.filter(received_at__lt=cutoff)


def _set_aside_youths(cutoff: datetime) -> QuerySet[UnregisteredYouth]:
    return UnregisteredYouth.objects.filter(
        status=UnregisteredStatus.SET_ASIDE, decided_at__lt=cutoff
    )


def _clear_notes(cutoff: datetime, operator: str) -> int:
    # A queryset update: the indicators do not read notes, so no figure needs rebuilding.
    return _notes(cutoff).update(note="")


def _count_log(cutoff: datetime) -> int:
    return AccessLogEntry.objects.filter(occurred_at__lt=cutoff).count()


def _remove_log(cutoff: datetime, operator: str) -> int:
    return purge_expired_entries(apply=True, cutoff=cutoff, operator=f"purge_expired: {operator}")


# In this order: dossiers are detached before cases are purged, so a case freed by its review
# round goes in the same run; the access log goes last.
KINDS: list[Kind] = [
    Kind(
        "review_dossiers",
        "case dossiers of closed review rounds (detached from the case)",
        "the round's closing",
        _counting(expired_dossiers),
        _detach_dossiers,
        verbs=("detach", "detached"),
    ),
    Kind(
        "closed_cases",
        "closed cases with everything under them",
        "the case's closing date",
        _counting(expired_cases),
        _remove_cases,
        held_back=lambda cutoff: (
            _closed_before(cutoff).filter(review_dossiers__isnull=False).distinct().count()
        ),
    ),
    Kind(
        "monitoring_notes",
        "free-text notes of monitoring moments (scores stay)",
        "the moment's date",
        _counting(_notes),
        _clear_notes,
        verbs=("clear", "cleared"),
    ),
    _deleted_rows("emergency_access", "emergency access grants", "the grant's expiry", _emergency),
    _deleted_rows("sessions", "expired login sessions", "the session's expiry", _sessions),
    Kind(
        "login_attempts",
        "login attempts and lock-outs (django-axes)",
        "the attempt",
        _count_logins,
        _remove_logins,
    ),
    _deleted_rows(
        "api_tokens",
        "expired or revoked API tokens",
        "the expiry, or the last use of a revoked token",
        _tokens,
    ),
    _deleted_rows(
        "account_codes",
        "used, voided or expired one-time account codes (digests)",
        "the use, or the expiry",
        _account_codes,
    ),
    _deleted_rows(
        "membership_requests",
        "decided requests for a role (who asked, who approved)",
        "the decision",
        _membership_requests,
    ),
    Kind(
        "form_timing_users",
        "who filled in a form, beside its registration time (the time stays, anonymous)",
        "the form's saving",
        _counting(_form_timing_users),
        _forget_form_users,
        verbs=("anonymise", "anonymised"),
    ),
    _deleted_rows(
        "withdrawn_stories",
        "withdrawn stories (already emptied)",
        "the withdrawal",
        _stories(StoryStatus.WITHDRAWN, "withdrawn_at"),
    ),
    _deleted_rows(
        "rejected_stories",
        "rejected stories",
        "the moderator's decision",
        _stories(StoryStatus.REJECTED, "moderated_at"),
    ),
    _deleted_rows(
        "ijw_care_episodes",
        "care episodes read from iJw messages that ended (pseudonym, provider, product, dates)",
        "the end of the care",
        _care_episodes,
    ),
    _deleted_rows(
        "ijw_messages",
        "the record of each iJw message read (id, sender, type, content hash)",
        "the reading",
        _processed_messages,
    ),
    _deleted_rows(
        "ijw_pending_stops",
        "iJw stop messages whose start never came",
        "the stop's arrival",
        _pending_stops,
    ),
    _deleted_rows(
        "ijw_set_aside",
        "youths known only from iJw messages that a team set aside, with the reason",
        "the decision",
        _set_aside_youths,
    ),
    Kind(
        "access_log",
        "access-log entries",
        "the access",
        _count_log,
        _remove_log,
    ),
]
BY_CODE = {kind.code: kind for kind in KINDS}


@dataclass
class KindResult:
    code: str
    days: int | None  # None: not configured, kept
    cutoff: datetime | None
    count: int = 0
    held_back: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "days": self.days,
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "count": self.count,
            "held_back": self.held_back,
        }


@dataclass
class PurgeReport:
    applied: bool
    results: list[KindResult] = field(default_factory=list)
    run: PurgeRun | None = None


def retention_days(code: str) -> int | None:
    days = settings.RETENTION_DAYS.get(code)
    return None if days is None else int(days)


def unknown_kinds(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes) - BY_CODE.keys())


def run_purge(
    *, apply: bool, operator: str, kinds: Iterable[str] | None = None, now: datetime | None = None
) -> PurgeReport:
    """Count (and with ``apply`` remove) what is past its retention, kind by kind, each applied
    kind in one transaction; the run is recorded as a ``PurgeRun`` even when a kind fails."""
    now = now or timezone.now()
    wanted = set(kinds) if kinds is not None else set(BY_CODE)
    if unknown := unknown_kinds(wanted):
        raise ValueError(f"Unknown retention kind(s): {', '.join(unknown)}")
    report = PurgeReport(applied=apply)
    error = ""
    try:
        for kind in (kind for kind in KINDS if kind.code in wanted):
            days = retention_days(kind.code)
            if days is None:
                report.results.append(KindResult(kind.code, None, None))
                continue
            cutoff = now - timedelta(days=days)
            result = KindResult(kind.code, days, cutoff, held_back=kind.held_back(cutoff))
            report.results.append(result)
            if apply:
                with transaction.atomic():
                    result.count = kind.remove(cutoff, operator)
            else:
                result.count = kind.count(cutoff)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        body: dict[str, object] = {r.code: r.as_json() for r in report.results}
        if error:
            body["error"] = error
        report.run = PurgeRun.objects.create(
            ran_at=now, operator=operator[:150], applied=apply, report=body
        )
    return report
