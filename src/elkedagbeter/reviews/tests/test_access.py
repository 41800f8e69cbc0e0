"""Role limits: only the round's expert team sees the dossiers, and of them only a dossier's two
reviewers, through the round and logged; a region's cases only with their team's consent;
others see shared findings protected, never a dossier."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule, EventCode
from elkedagbeter.cases.models import (
    AnalysisVersion,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    Involvement,
    InvolvementMode,
    MemberRole,
    Party,
    PlanVersion,
)
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.models import Membership, Role
from elkedagbeter.organisations.tests.factories import ExpertTeamFactory
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import Population, ReviewRound

from .factories import answer_all, import_rows, new_round, request_for, second_expert


@pytest.fixture
def escalated_round(world: World) -> ReviewRound:
    expert = world.user("expert")
    round_ = new_round(
        expert,
        world.expert_team,
        [expert, second_expert(world.expert_team)],
        population=Population.ESCALATED,
    )
    actions.draw_sample(request_for(expert), round_)
    return round_


def test_a_reviewer_reads_the_case_through_the_round_and_the_team_sees_it(
    world: World, escalated_round: ReviewRound
) -> None:
    dossier = escalated_round.dossiers.get()
    assert dossier.case == world.case_escalated
    url = reverse("reviews:dossier", kwargs={"pk": escalated_round.pk, "dossier_id": dossier.pk})
    response = log_in(Client(), world.user("expert")).get(url)
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(
        object_ref=world.case_escalated.reference, event_code=EventCode.CASE_READ
    )
    assert entry.authorisation_rule == AuthorisationRule.REVIEW_ROUND
    assert entry.user_role == Role.EXPERT
    assert f"dossierreview {escalated_round.pk}" in entry.reason
    assert "D-01" in entry.reason
    # The case's own team sees the read in the case's access log.
    outsider = log_in(Client(), world.user("outsider"))
    log_page = outsider.get(reverse("cases:access_log", args=[world.case_escalated.reference]))
    assert "dossierreview" in log_page.content.decode()


def test_only_the_dossiers_two_reviewers_open_it(
    world: World, escalated_round: ReviewRound
) -> None:
    dossier = escalated_round.dossiers.get()
    url = reverse("reviews:dossier", kwargs={"pk": escalated_round.pk, "dossier_id": dossier.pk})
    third = second_expert(world.expert_team, "expert3")  # same team, not a reviewer here
    assert log_in(Client(), third).get(url).status_code == 404
    elsewhere = ExpertTeamFactory(region=world.south)
    stranger = second_expert(elsewhere, "expert-zuid")
    assert log_in(Client(), stranger).get(url).status_code == 404
    round_url = reverse("reviews:detail", args=[escalated_round.pk])
    assert log_in(Client(), stranger).get(round_url).status_code == 404
    for persona in ("coordinator", "analyst", "viewer", "professional"):
        client = log_in(Client(), world.user(persona))
        assert client.get(url).status_code in (403, 404), persona
    assert not AccessLogEntry.objects.filter(authorisation_rule=AuthorisationRule.REVIEW_ROUND)


def _placed_case(team):
    case = CaseFactory(team=team)
    youth = HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2010)
    Event.objects.create(
        case=case,
        member=youth,
        kind=EventKind.PLACEMENT,
        residence_type="14",
        started_on=case.opened_on,
    )
    return case


def test_region_cases_are_drawn_only_with_their_teams_consent(world: World) -> None:
    expert = world.user("expert")
    round_ = new_round(
        expert,
        world.expert_team,
        [expert, second_expert(world.expert_team)],
        population=Population.REGION,
        only_placed=True,
    )
    placed_a = _placed_case(world.team_a)
    _placed_case(world.team_b)
    _placed_case(world.team_d)  # another region
    coordinator = request_for(world.user("coordinator"))
    assert actions.draw(round_)[0] == []  # no consent, nothing to draw
    with pytest.raises(PermissionDenied):  # team B is not the coordinator's
        actions.give_consent(coordinator, round_, world.team_b)
    consent = actions.give_consent(coordinator, round_, world.team_a, note="alleen 2025")
    assert (consent.given_by, consent.team) == (world.user("coordinator"), world.team_a)
    actions.draw_sample(request_for(expert), round_)
    assert [d.case for d in round_.dossiers.all()] == [placed_a]  # case_a has no placement
    assert round_.dossiers.get().consent == consent
    with pytest.raises(ValidationError):
        actions.withdraw_consent(coordinator, round_, world.team_a)
    # The expert team still cannot open the case outside the round.
    detail = log_in(Client(), expert).get(reverse("cases:detail", args=[placed_a.reference]))
    assert detail.status_code == 404


def test_withdrawn_consent_leaves_the_teams_cases_out(world: World) -> None:
    expert = world.user("expert")
    round_ = new_round(
        expert,
        world.expert_team,
        [expert, second_expert(world.expert_team)],
        population=Population.REGION,
    )
    coordinator = request_for(world.user("coordinator"))
    actions.give_consent(coordinator, round_, world.team_a)
    assert [c.case for c in actions.population(round_)] == [world.case_a]
    actions.withdraw_consent(coordinator, round_, world.team_a)
    assert actions.population(round_) == []
    consent = round_.consents.get()
    assert consent.withdrawn_by == world.user("coordinator")
    assert consent.withdrawn_at is not None


def test_shared_findings_are_protected_and_stay_in_the_area(world: World) -> None:
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert, second_expert(world.expert_team)])
    import_rows(expert, round_, [{"bron_id": f"D{n}", "verblijfsketen": "14"} for n in range(7)])
    actions.draw_sample(request_for(expert), round_)
    for number, dossier in enumerate(round_.dossiers.all()):
        for review in dossier.reviews.all():
            yes = "ja" if number < 2 else "nee"
            answer_all(review, {"verklarende_analyse": yes}, note="Opvallend dossier")
    actions.close_round(request_for(expert), round_, open_work=0)
    url = reverse("reviews:findings", args=[round_.pk])
    analyst = log_in(Client(), world.user("analyst"))
    assert analyst.get(url).status_code == 404  # not shared yet
    actions.set_shared(request_for(expert), round_, shared=True)
    page = analyst.get(url).content.decode()
    assert "&lt; 5" in page
    assert "Opvallend dossier" not in page  # reviewers' notes stay in the team
    assert "D-01" not in page
    team_page = log_in(Client(), expert).get(url).content.decode()
    assert "Opvallend dossier" in team_page
    south = Membership.objects.create(
        user=second_expert(world.expert_team, "analyst-zuid"), role=Role.ANALYST, region=world.south
    )
    south.user.memberships.filter(role=Role.EXPERT).delete()
    assert log_in(Client(), south.user, second_factor=False).get(url).status_code == 404


def test_strata_by_number_of_placements_come_from_the_timeline(world: World) -> None:
    expert = world.user("expert")
    round_ = new_round(
        expert,
        world.expert_team,
        [expert, second_expert(world.expert_team)],
        population=Population.REGION,
        sample_method="gestratificeerd",
        stratum="plaatsingen",
    )
    placed = _placed_case(world.team_a)
    actions.give_consent(request_for(world.user("coordinator")), round_, world.team_a)
    strata = {c.case: c.unit.stratum for c in actions.population(round_)}
    assert strata == {world.case_a: "0", placed: "1"}


def test_a_coordinator_agrees_and_withdraws_on_the_consent_page(world: World) -> None:
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert], population=Population.REGION)
    client = log_in(Client(), world.user("coordinator"))
    url = reverse("reviews:consent", args=[round_.pk])
    listed = client.get(reverse("reviews:list")).content.decode()
    assert url in listed
    client.post(url, {"team": world.team_a.pk, "note": "alleen 2025", "decision": "agree"})
    consent = round_.consents.get()
    assert (consent.team, consent.note, consent.is_active) == (world.team_a, "alleen 2025", True)
    refused = client.post(url, {"team": world.team_b.pk, "decision": "agree"})
    assert refused.status_code == 200  # team B is not among the choices: the form says so
    assert round_.consents.count() == 1
    client.post(url, {"team": world.team_a.pk, "decision": "withdraw"})
    consent.refresh_from_db()
    assert not consent.is_active
    assert consent.withdrawn_by == world.user("coordinator")


def test_a_reviewer_reads_the_case_files_texts_de_identified_the_team_as_written(
    world: World, escalated_round: ReviewRound
) -> None:
    case = world.case_escalated
    Goal.objects.create(case=case, text="Fatima gaat weer naar basisschool De Regenboog.")
    PlanVersion.objects.create(case=case, number=1, text="Oma Annie haalt hem op in Zwolle.")
    AnalysisVersion.objects.create(
        case=case, number=1, hypotheses={"netwerk": "Buurvrouw Ingrid de Vries helpt mee."}
    )
    Involvement.objects.create(
        case=case,
        party=Party.SCHOOL,
        mode=InvolvementMode.INVOLVED,
        description="juf Marloes van groep 5",
    )
    dossier = escalated_round.dossiers.get()
    url = reverse("reviews:dossier", kwargs={"pk": escalated_round.pk, "dossier_id": dossier.pk})
    page = log_in(Client(), world.user("expert")).get(url).content.decode()
    for name in ("Fatima", "De Regenboog", "Annie", "Zwolle", "Ingrid", "Marloes"):
        assert name not in page, name
    assert "[PERSOON-" in page and "[INSTELLING-" in page and "[LOCATIE-" in page
    # The case file itself keeps the family's words for the case's own team.
    team = log_in(Client(), world.user("outsider"))
    team_page = team.get(reverse("cases:detail", args=[case.reference]))
    assert "Oma Annie haalt hem op in Zwolle." in team_page.content.decode()
    assert PlanVersion.objects.get(case=case).text == "Oma Annie haalt hem op in Zwolle."
