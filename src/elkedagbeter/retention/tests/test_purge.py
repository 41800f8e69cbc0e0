"""The retention purge: dry run first, exact removal per kind, held back where a review round
still needs a case, logged every time, and figures of past periods unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db.models import Model
from django.utils import timezone

from conftest import World
from elkedagbeter.accounts.models import AccountCode, CodeChannel, CodePurpose
from elkedagbeter.api.models import ApiToken
from elkedagbeter.audit.models import AccessLogEntry, ActionCode, AuthorisationRule, EventCode
from elkedagbeter.bottlenecks.models import Bottleneck
from elkedagbeter.cases.models import Case, EmergencyAccess, Event, FormTiming, HouseholdMember
from elkedagbeter.ijw.models import (
    CareEpisode,
    MessageStatus,
    PendingStop,
    ProcessedMessage,
    UnregisteredStatus,
    UnregisteredYouth,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import ArchivedFact, IndicatorFact
from elkedagbeter.monitoring.models import MonitoringMoment
from elkedagbeter.organisations.models import MembershipRequest, RequestStatus, Role
from elkedagbeter.retention.models import PurgeRun
from elkedagbeter.retention.purge import KINDS
from elkedagbeter.reviews.models import Dossier, ImportedDossier, RoundStatus
from elkedagbeter.reviews.tests.factories import new_round
from elkedagbeter.stories.models import Story, StoryStatus
from elkedagbeter.stories.tests.factories import told

from .factories import OTHER_BSN, full_case

DAYS = {
    "closed_cases": 1000,
    "review_dossiers": 100,
    "monitoring_notes": 500,
    "emergency_access": 200,
    "access_log": 1500,
    "sessions": 0,
    "login_attempts": 90,
    "api_tokens": 365,
    "account_codes": 90,
    "membership_requests": 1500,
    "form_timing_users": 30,
    "withdrawn_stories": 30,
    "rejected_stories": 180,
    "ijw_care_episodes": 1000,
    "ijw_messages": 365,
    "ijw_pending_stops": 365,
    "ijw_set_aside": 365,
}


def _ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def _day_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _log_entry(days: int) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        occurred_at=_ago(days),
        event_code=EventCode.CASE_READ,
        action_code=ActionCode.READ,
        result="success",
        authorisation_rule=AuthorisationRule.TEAM_MEMBERSHIP,
    )


def _story(status: str, days: int) -> Story:
    story = told(title="Oud verhaal", status=StoryStatus.SUBMITTED)
    values: dict[str, object] = {"status": status}
    if status == StoryStatus.WITHDRAWN:
        values["withdrawn_at"] = _ago(days)
    else:
        values.update(moderated_at=_ago(days), moderation_note="Niet over jeugdhulp")
    Story.objects.filter(pk=story.pk).update(**values)
    return story


def _session(days: int, key: str) -> Session:
    return Session.objects.create(session_key=key, session_data="", expire_date=_ago(days))


def _token(world: World, name: str, **values: object) -> ApiToken:
    return ApiToken.objects.create(
        user=world.user("professional"), name=name, token_hash=name.ljust(64, "0"), **values
    )


def _code(world: World, name: str, **values: object) -> AccountCode:
    return AccountCode.objects.create(
        user=world.user("professional"),
        purpose=CodePurpose.RESET,
        channel=CodeChannel.IN_PERSON,
        code_digest=name.ljust(64, "0"),
        **{"expires_at": timezone.now() + timedelta(days=1), **values},
    )


def _membership_request(world: World, decided_days: int | None) -> MembershipRequest:
    decided = decided_days is not None
    return MembershipRequest.objects.create(
        user=world.user("outsider"),
        role=Role.PROFESSIONAL,
        team=world.team_a,
        reason="Nieuwe collega",
        status=RequestStatus.REJECTED if decided else RequestStatus.PENDING,
        decided_at=_ago(decided_days) if decided_days is not None else None,
    )


def _timing(world: World, case: Case, days: int) -> FormTiming:
    return FormTiming.objects.create(
        user=world.user("professional"),
        team=world.team_a,
        case=case,
        form="moment",
        seconds=95,
        changed_inputs=6,
        saved_at=_ago(days),
    )


def _attempt(days: int) -> AccessAttempt:
    attempt = AccessAttempt.objects.create(
        username=f"someone-{days}", ip_address="192.0.2.1", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=_ago(days))
    return attempt


def _episode(world: World, ended_days: int | None) -> CareEpisode:
    return CareEpisode.objects.create(
        region=world.north,
        pseudonym=f"p-{ended_days}",
        provider_agb="87654321",
        product_category="45",
        started_on=_day_ago(1500),
        ended_on=_day_ago(ended_days) if ended_days is not None else None,
    )


def _message(world: World, days: int) -> ProcessedMessage:
    message = ProcessedMessage.objects.create(
        region=world.north,
        sender="87654321",
        message_id=f"M{days}",
        kind="JW305",
        sha256="0" * 64,
        status=MessageStatus.ACCEPTED,
    )
    ProcessedMessage.objects.filter(pk=message.pk).update(processed_at=_ago(days))
    return message


def _pending_stop(world: World, days: int) -> PendingStop:
    stop = PendingStop.objects.create(
        region=world.north,
        pseudonym=f"s-{days}",
        provider_agb="87654321",
        assignment_number="100001",
        ended_on=_day_ago(days),
        stop_reason="07",
        message_id=f"S{days}",
    )
    PendingStop.objects.filter(pk=stop.pk).update(received_at=_ago(days))
    return stop


def _unregistered(world: World, status: str, decided_days: int | None) -> UnregisteredYouth:
    return UnregisteredYouth.objects.create(
        region=world.north,
        pseudonym=f"u-{status}-{decided_days}",
        status=status,
        reason="Woont elders." if status == UnregisteredStatus.SET_ASIDE else "",
        decided_at=_ago(decided_days) if decided_days is not None else None,
    )


@pytest.fixture
def aged(world: World, settings: object) -> dict[str, tuple[list[object], list[object]]]:
    """Per kind: (records past retention, records just inside it)."""
    settings.RETENTION_DAYS = DAYS
    user = world.user("professional")
    old = full_case(world.team_a, user, opened=_day_ago(2000), closed=_day_ago(1100))
    young = full_case(
        world.team_a, user, bsn=OTHER_BSN, opened=_day_ago(2000), closed=_day_ago(900)
    )
    still_open = Case.objects.create(team=world.team_a, opened_on=_day_ago(5000))
    young_grant = EmergencyAccess.objects.get(case=young.case)
    EmergencyAccess.objects.filter(pk=young_grant.pk).update(expires_at=_ago(100))
    old_grant = EmergencyAccess.objects.create(
        case=young.case, user=world.user("outsider"), reason="Nacht", expires_at=_ago(300)
    )
    # Monitoring notes count from the moment's date, also on an open case. (The old case's
    # note goes with its case.)
    MonitoringMoment.objects.filter(case=old.case).update(note="")
    old_note = MonitoringMoment.objects.get(case=young.case)
    MonitoringMoment.objects.filter(pk=old_note.pk).update(recorded_on=_day_ago(600))
    young_note = MonitoringMoment.objects.create(
        case=still_open, recorded_on=_day_ago(400), scale="gas", safety=5, plan_fits="ja", note="x"
    )
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert])
    Dossier.objects.create(round=round_, number=1, case=young.case)
    round_.status, round_.closed_at = RoundStatus.CLOSED, _ago(150)
    round_.save()
    return {
        "closed_cases": ([old.case], [young.case, still_open]),
        "review_dossiers": ([young.case.review_dossiers.get()], []),
        "monitoring_notes": ([old_note], [young_note]),
        "emergency_access": ([old_grant], [young_grant]),
        "access_log": ([_log_entry(1600)], [_log_entry(1400)]),
        "sessions": ([_session(1, "a" * 32)], [_session(-1, "b" * 32)]),
        "login_attempts": ([_attempt(100)], [_attempt(80)]),
        "api_tokens": (
            [
                _token(world, "expired", expires_at=_ago(400)),
                _token(world, "revoked", revoked=True, last_used_at=_ago(400)),
            ],
            [
                _token(world, "recently-expired", expires_at=_ago(300)),
                _token(world, "revoked-recently-used", revoked=True, last_used_at=_ago(10)),
                _token(world, "active"),
            ],
        ),
        "account_codes": (
            [
                _code(world, "expired", expires_at=_ago(100)),
                _code(world, "used", used_at=_ago(95), expires_at=_ago(94)),
            ],
            [
                _code(world, "recently-expired", expires_at=_ago(80)),
                _code(world, "usable"),
                _code(world, "voided", voided=True),
            ],
        ),
        "membership_requests": (
            [_membership_request(world, 1600)],
            [_membership_request(world, 1400), _membership_request(world, None)],
        ),
        "form_timing_users": (
            [_timing(world, still_open, 40)],
            [_timing(world, still_open, 20)],
        ),
        "withdrawn_stories": (
            [_story(StoryStatus.WITHDRAWN, 40)],
            [_story(StoryStatus.WITHDRAWN, 20)],
        ),
        "rejected_stories": (
            [_story(StoryStatus.REJECTED, 200)],
            [_story(StoryStatus.REJECTED, 100)],
        ),
        "ijw_care_episodes": (
            [_episode(world, 1100)],
            [_episode(world, 900), _episode(world, None)],  # running care is kept
        ),
        "ijw_messages": ([_message(world, 400)], [_message(world, 300)]),
        "ijw_pending_stops": ([_pending_stop(world, 400)], [_pending_stop(world, 300)]),
        "ijw_set_aside": (
            [_unregistered(world, UnregisteredStatus.SET_ASIDE, 400)],
            [
                _unregistered(world, UnregisteredStatus.SET_ASIDE, 300),
                _unregistered(world, UnregisteredStatus.OPEN, None),
            ],
        ),
    }


def _exists(record: object) -> bool:
    assert isinstance(record, Model)
    return bool(type(record)._default_manager.filter(pk=record.pk).exists())


def test_every_kind_has_a_case_in_this_test() -> None:
    assert {kind.code for kind in KINDS} == set(DAYS)


def test_a_dry_run_removes_nothing_and_reports_each_kind(aged: dict) -> None:
    out = StringIO()
    call_command("purge_expired", "--operator", "beheerder", stdout=out)

    for expired, kept in aged.values():
        assert all(_exists(record) for record in [*expired, *kept])
    assert MonitoringMoment.objects.get(pk=aged["monitoring_notes"][0][0].pk).note != ""
    run = PurgeRun.objects.get()
    assert not run.applied and run.operator == "beheerder"
    for code, (expired, _kept) in aged.items():
        assert run.report[code]["count"] == len(expired), code
        assert f"{code}: would " in out.getvalue()
    assert "Nothing was removed" in out.getvalue()


@pytest.mark.postgres
def test_apply_removes_exactly_what_is_past_retention(aged: dict) -> None:
    old_case = aged["closed_cases"][0][0]
    bottleneck = Bottleneck.objects.get(case=old_case)

    call_command("purge_expired", "--apply", "--operator", "beheerder", stdout=StringIO())

    for code, (expired, kept) in aged.items():
        if code == "monitoring_notes":
            assert MonitoringMoment.objects.get(pk=expired[0].pk).note == ""
            assert MonitoringMoment.objects.get(pk=kept[0].pk).note == "x"
        elif code == "form_timing_users":
            # The time stays for the team's figure; only who filled the form in goes.
            anonymous = FormTiming.objects.get(pk=expired[0].pk)
            assert anonymous.user is None and anonymous.seconds == 95
            assert FormTiming.objects.get(pk=kept[0].pk).user is not None
        elif code == "review_dossiers":
            dossier = Dossier.objects.get(pk=expired[0].pk)
            assert dossier.case is None and dossier.imported is not None
        else:
            assert not any(_exists(record) for record in expired), code
        assert all(_exists(record) for record in kept), code
    # Everything under the purged case went with it; a bottleneck raised from it stays, unlinked.
    assert not HouseholdMember.objects.filter(case_id=old_case.pk).exists()
    assert not Event.objects.filter(case_id=old_case.pk).exists()
    bottleneck.refresh_from_db()
    assert bottleneck.case is None
    run = PurgeRun.objects.get()
    assert run.applied
    assert {code: run.report[code]["count"] for code in aged} == {
        code: len(expired) for code, (expired, _kept) in aged.items()
    }
    assert AccessLogEntry.objects.filter(event_code=EventCode.ACCESS_LOG_PURGE).count() == 1
    # A second run finds nothing left, and is recorded too.
    call_command("purge_expired", "--apply", stdout=StringIO())
    second = PurgeRun.objects.order_by("-pk").first()
    assert second is not None and second.pk != run.pk
    assert all(second.report[code]["count"] == 0 for code in aged)


@pytest.mark.postgres
def test_a_case_in_a_review_round_waits_for_its_dossier_to_be_detached(
    world: World, settings: object
) -> None:
    settings.RETENTION_DAYS = DAYS
    user = world.user("professional")
    sampled = full_case(world.team_a, user, opened=_day_ago(3000), closed=_day_ago(2000))
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert])
    dossier = Dossier.objects.create(round=round_, number=7, case=sampled.case)
    round_.status, round_.closed_at = RoundStatus.CLOSED, _ago(10)
    round_.save()

    report = StringIO()
    call_command("purge_expired", "--apply", "--kind", "closed_cases", stdout=report)
    assert _exists(sampled.case)
    assert "1 held back by a review round" in report.getvalue()

    round_.closed_at = _ago(200)
    round_.save()
    call_command("purge_expired", "--apply", stdout=StringIO())

    assert not _exists(sampled.case)
    dossier.refresh_from_db()
    imported = ImportedDossier.objects.get(dossier=dossier)
    assert imported.residence_chain == ["11"]
    assert imported.organisation == world.team_a.name
    assert "C-" not in imported.source_ref  # the case number is gone with the link


def test_only_the_named_kind_is_purged_and_unknown_kinds_are_refused(aged: dict) -> None:
    call_command("purge_expired", "--apply", "--kind", "sessions", stdout=StringIO())

    assert not _exists(aged["sessions"][0][0])
    assert _exists(aged["emergency_access"][0][0])
    assert _exists(aged["closed_cases"][0][0])
    assert list(PurgeRun.objects.get().report) == ["sessions"]
    with pytest.raises(CommandError, match="Unknown kind"):
        call_command("purge_expired", "--kind", "everything")


def test_a_kind_left_out_of_the_settings_is_kept(aged: dict, settings: object) -> None:
    settings.RETENTION_DAYS = {k: v for k, v in DAYS.items() if k != "sessions"}
    out = StringIO()
    call_command("purge_expired", "--apply", "--kind", "sessions", stdout=out)

    assert _exists(aged["sessions"][0][0])
    assert "not configured" in out.getvalue()


@pytest.mark.postgres
def test_figures_of_past_periods_stay_the_same_after_a_purge(
    world: World, settings: object
) -> None:
    settings.RETENTION_DAYS = DAYS
    user = world.user("professional")
    for bsn in ("123456782", "111222333"):
        full_case(world.team_a, user, bsn=bsn, opened=date(2015, 1, 5), closed=date(2016, 6, 30))
    full_case(world.team_a, user, bsn="010000009", opened=date(2015, 3, 1), closed=None)
    facts.rebuild()

    def figures() -> set[tuple[str, str, date, int, int, int]]:
        return set(
            IndicatorFact.objects.values_list(
                "indicator", "period_kind", "period_start", "team_id", "numerator", "denominator"
            )
        )

    before = figures()
    assert any(row[3] == world.team_a.pk and row[4] > 0 for row in before)

    call_command("purge_expired", "--apply", "--kind", "closed_cases", stdout=StringIO())
    assert Case.objects.filter(team=world.team_a, opened_on__year=2015).count() == 1
    assert ArchivedFact.objects.exists()
    facts.rebuild()

    assert figures() == before
    # Without the archived counts the past would change: the check above is not empty.
    ArchivedFact.objects.all().delete()
    facts.rebuild()
    assert figures() != before
