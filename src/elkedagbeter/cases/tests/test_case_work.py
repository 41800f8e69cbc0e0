"""A professional keeps a household's case current: members, events, analysis, plan, monitoring;
escalation and transfer with consent; an emergency read; and field-level history of every change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule
from elkedagbeter.cases.models import (
    CaseTransfer,
    ChangeRecord,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.cases.pseudonyms import is_valid_bsn, pseudonym_for
from elkedagbeter.monitoring.models import MonitoringMoment

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the elfproef; a well-known test number


def _url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": world.case_a.reference, **kwargs})


def _professional(world: World) -> Client:
    return log_in(Client(), world.user("professional"))


def _youth(world: World) -> HouseholdMember:
    return HouseholdMember.objects.create(case=world.case_a, role=MemberRole.YOUTH, birth_year=2012)


def test_the_elfproef() -> None:
    assert is_valid_bsn(VALID_BSN)
    assert is_valid_bsn("10000021")  # eight digits: a leading zero was dropped
    assert not is_valid_bsn("111222334")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678a")


def test_a_bsn_becomes_a_pseudonym_and_is_kept_nowhere(world: World) -> None:
    client = _professional(world)

    response = client.post(
        _url("add", world, part="gezinslid"),
        {"role": MemberRole.YOUTH, "birth_year": "2013", "bsn": VALID_BSN},
        follow=True,
    )

    member = world.case_a.members.get()
    assert member.pseudonym == pseudonym_for(VALID_BSN, world.north.code)
    assert VALID_BSN not in response.content.decode()
    assert not AccessLogEntry.objects.filter(reason__contains=VALID_BSN).exists()
    assert not ChangeRecord.objects.filter(new_value__contains=VALID_BSN).exists()
    # The same youth registered in another region gets another pseudonym.
    assert pseudonym_for(VALID_BSN, world.south.code) != member.pseudonym


def test_a_wrong_bsn_is_refused_and_nothing_typed_is_lost(world: World) -> None:
    response = _professional(world).post(
        _url("add", world, part="gezinslid"),
        {"role": MemberRole.YOUTH, "birth_year": "2013", "bsn": "111222334"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit is geen geldig burgerservicenummer" in page
    assert 'value="2013"' in page
    assert not world.case_a.members.exists()


def test_a_placement_goes_on_the_timeline_and_an_overlapping_one_is_refused(
    world: World,
) -> None:
    youth = _youth(world)
    client = _professional(world)
    start = timezone.localdate() - timedelta(days=60)
    placement = {
        "kind": EventKind.PLACEMENT,
        "member": youth.pk,
        "started_on": start.isoformat(),
        "residence_type": ResidenceType.FAMILY_HOME,
        "legal_basis": "vrijwillig",
    }

    first = client.post(_url("event_new", world), placement)
    second = client.post(
        _url("event_new", world), {**placement, "started_on": (start + timedelta(days=5))}
    )

    assert first.status_code == 302
    assert world.case_a.events.count() == 1
    assert second.status_code == 200
    assert "heeft in die periode al een plaatsing" in second.content.decode()
    page = client.get(_url("detail", world)).content.decode()
    assert "Uithuisplaatsing" in page


def test_changing_an_event_keeps_the_old_value(world: World) -> None:
    event = Event.objects.create(
        case=world.case_a, kind=EventKind.CRISIS, started_on=timezone.localdate()
    )
    client = _professional(world)
    earlier = timezone.localdate() - timedelta(days=3)

    client.post(
        _url("event_edit", world, event_id=event.pk),
        {"kind": EventKind.CRISIS, "started_on": earlier.isoformat()},
    )

    change = ChangeRecord.objects.get(object_type="event", field="started_on")
    assert (change.old_value, change.new_value) == (
        str(timezone.localdate()),
        str(earlier),
    )
    assert change.changed_by == world.user("professional")
    assert "started_on" in client.get(_url("history", world)).content.decode()


def test_the_plan_evolves_with_a_reason_for_each_change(world: World) -> None:
    client = _professional(world)

    client.post(_url("plan", world), {"text": "Eerste plan", "reason": ""})
    refused = client.post(_url("plan", world), {"text": "Tweede plan", "reason": ""})
    client.post(_url("plan", world), {"text": "Tweede plan", "reason": "Evaluatie met gezin"})

    assert "Geef de reden voor deze wijziging" in refused.content.decode()
    versions = list(world.case_a.plan_versions.values_list("number", "text", "reason"))
    assert versions == [(2, "Tweede plan", "Evaluatie met gezin"), (1, "Eerste plan", "")]
    page = client.get(_url("detail", world)).context["o"]
    assert (page.plan.number, page.plan_count) == (2, 2)
    assert (page.analysis, page.analysis_count) == (None, 0)


def test_the_analysis_is_versioned_per_life_domain(world: World) -> None:
    client = _professional(world)

    client.post(_url("analysis", world), {"domain_wonen": "Dreigende huisuitzetting"})
    client.post(
        _url("analysis", world),
        {"domain_wonen": "Woning geregeld", "domain_school_werk": "Verzuim", "reason": "Update"},
    )

    latest, first = world.case_a.analysis_versions.all()
    assert first.hypotheses == {"wonen": "Dreigende huisuitzetting"}
    assert latest.hypotheses == {"wonen": "Woning geregeld", "school_werk": "Verzuim"}
    page = client.get(_url("detail", world)).context["o"]
    assert (page.analysis.number, page.analysis_count) == (2, 2)


def test_a_monitoring_moment_scores_every_goal_and_deidentifies_the_note(
    world: World,
) -> None:
    goals = [
        Goal.objects.create(case=world.case_a, text="Weer naar school"),
        Goal.objects.create(case=world.case_a, text="Rust in huis"),
    ]
    client = _professional(world)

    response = client.post(
        _url("moment_new", world),
        {
            "recorded_on": timezone.localdate().isoformat(),
            "scale": "gas",
            f"goal_{goals[0].pk}": "1",
            f"goal_{goals[1].pk}": "-1",
            "safety": "7",
            "plan_fits": "deels",
            "heard": "4",
            "note": "Moeder Jolanda Bakker vertelde dat het beter gaat.",
        },
    )

    assert response.status_code == 302
    moment = MonitoringMoment.objects.get(case=world.case_a)
    assert {s.goal.text: s.score for s in moment.scores.all()} == {
        "Weer naar school": 1,
        "Rust in huis": -1,
    }
    assert "Jolanda" not in moment.note
    assert "[PERSOON-1]" in moment.note


def test_a_score_out_of_range_is_refused_with_the_range(world: World) -> None:
    goal = Goal.objects.create(case=world.case_a, text="Weer naar school")

    response = _professional(world).post(
        _url("moment_new", world),
        {
            "scale": "gas",
            f"goal_{goal.pk}": "5",
            "safety": "7",
            "plan_fits": "ja",
            "recorded_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 200
    assert "loopt van -2 tot 2" in response.content.decode()
    assert not MonitoringMoment.objects.exists()


def test_escalation_needs_consent_or_a_reason_and_then_opens_the_case_to_experts(
    world: World,
) -> None:
    client = _professional(world)
    expert = log_in(Client(), world.user("expert"))

    refused = client.post(_url("escalate", world), {"expert_team": world.expert_team.pk})
    assert "Leg de datum vast waarop het gezin instemde" in refused.content.decode()
    assert expert.get(_url("detail", world)).status_code == 404

    client.post(
        _url("escalate", world),
        {"expert_team": world.expert_team.pk, "consent_on": timezone.localdate().isoformat()},
    )

    transfer = CaseTransfer.objects.get(case=world.case_a)
    assert transfer.consent_on == timezone.localdate()
    assert expert.get(_url("detail", world))["Location"] == _url("reason", world)


def test_a_transfer_needs_consent_or_a_reason_and_hands_the_case_over(world: World) -> None:
    client = _professional(world)
    newcomer = log_in(Client(), world.user("outsider"))  # team B, same region
    reason = "Gezin verhuist; moeder is onbereikbaar, school vraagt om overdracht"
    other_region = {"to_team": world.team_d.pk, "override_reason": reason}

    refused = client.post(_url("transfer", world), {"to_team": world.team_b.pk})
    elsewhere = client.post(_url("transfer", world), other_region)
    handed_over = client.post(
        _url("transfer", world), {"to_team": world.team_b.pk, "override_reason": reason}
    )

    assert "Leg de datum vast waarop het gezin instemde" in refused.content.decode()
    assert "to_team" in elsewhere.context["form"].errors
    assert handed_over["Location"] == reverse("cases:list")
    world.case_a.refresh_from_db()
    assert world.case_a.team == world.team_b
    assert CaseTransfer.objects.get(case=world.case_a).override_reason == reason
    assert ChangeRecord.objects.filter(
        case=world.case_a, field="team", old_value=str(world.team_a)
    ).exists()
    assert client.get(_url("detail", world)).status_code == 404
    assert newcomer.get(_url("detail", world)).status_code == 200


def test_an_emergency_read_is_reasoned_logged_shown_to_the_team_and_expires(
    world: World,
) -> None:
    outsider = log_in(Client(), world.user("outsider"))
    reason = "Politie belt 's nachts, kind op straat aangetroffen"

    response = outsider.post(
        reverse("cases:emergency"), {"reference": world.case_a.reference, "reason": reason}
    )

    assert response["Location"] == _url("detail", world)
    assert outsider.get(_url("detail", world)).status_code == 200
    assert outsider.get(_url("plan", world)).status_code == 403  # reading only
    assert AccessLogEntry.objects.filter(
        object_ref=world.case_a.reference, authorisation_rule=AuthorisationRule.BREAK_GLASS
    ).exists()
    team_page = _professional(world).get(_url("detail", world)).content.decode()
    assert reason.replace("'", "&#x27;") in team_page

    world.case_a.emergency_accesses.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert outsider.get(_url("detail", world)).status_code == 404


def test_emergency_access_does_not_reveal_cases_outside_the_region(world: World) -> None:
    south_case = world.case_a.__class__.objects.create(team=world.team_d)
    outsider = log_in(Client(), world.user("outsider"))

    response = outsider.post(
        reverse("cases:emergency"), {"reference": south_case.reference, "reason": "x" * 20}
    )
    unknown = outsider.post(
        reverse("cases:emergency"), {"reference": "C-ZZZZ-ZZZZ", "reason": "x" * 20}
    )

    assert response.status_code == unknown.status_code == 200
    assert "Er is geen casus met dit nummer in uw regio" in response.content.decode()
    assert not south_case.emergency_accesses.exists()


def test_the_case_page_needs_a_bounded_number_of_queries(world: World) -> None:
    youth = _youth(world)
    start = timezone.localdate() - timedelta(days=400)
    Event.objects.bulk_create(
        Event(
            case=world.case_a,
            member=youth if n % 2 else None,
            kind=EventKind.CRISIS,
            started_on=start + timedelta(days=n),
        )
        for n in range(200)
    )
    client = _professional(world)
    client.get(_url("detail", world))  # warm the session and caches

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("detail", world))

    assert response.status_code == 200
    assert response.content.decode().count("Crisis") >= 200
    # 37: the continuity line (issue 18 part 4) adds three fixed queries (plan versions, saved
    # forms and involvements), the arrangement (issue 18 part 5) one, the household's iJw care
    # episodes on the timeline (issue 22) one, the family's answers (issue 19) one.
    assert len(queries) <= 38, [q["sql"][:80] for q in queries.captured_queries]


def test_the_case_page_shows_what_others_changed_since_the_last_visit(world: World) -> None:
    client = _professional(world)
    case = world.case_a
    first = client.get(_url("detail", world))
    assert first.context["o"].previous_visit is None
    visited = timezone.now()

    def change(who: str, field: str, seconds: int) -> ChangeRecord:
        return ChangeRecord.objects.create(
            case=case,
            object_type="case",
            object_id=case.pk,
            field=field,
            changed_by=world.user(who),
            changed_at=visited + timedelta(seconds=seconds),
        )

    ChangeRecord.objects.create(
        case=case,
        object_type="case",
        object_id=case.pk,
        field="before",
        changed_by=world.user("coordinator"),
        changed_at=visited - timedelta(hours=1),
    )
    by_coordinator = change("coordinator", "team_id", 1)
    change("professional", "markers", 2)

    second = client.get(_url("detail", world)).context["o"]

    assert second.previous_visit is not None
    assert second.changes_since_visit == [by_coordinator]
