"""Consulting the expert team without handing over, from question to advice to the 6-month
outcome, across roles; the expert team's figures and a theme raised as a knelpunt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.attention.models import Consultation, FollowUp, Theme, Triage
from elkedagbeter.attention.selectors import expert_figures
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule
from elkedagbeter.bottlenecks.models import Bottleneck, Category
from elkedagbeter.cases.selectors import case_grant

pytestmark = pytest.mark.django_db


def _ask(world: World, client: Client) -> Consultation:
    url = reverse("attention:consult_new", args=[world.case_a.reference])
    response = client.post(
        url,
        {
            "expert_team": world.expert_team.pk,
            "situation": "Vader Pieter de Vries is opgenomen; de jongste eet slecht.",
            "tried": "Gezinscoaching, netwerkberaad.",
            "needed": "Advies over passende ondersteuning thuis.",
        },
    )
    assert response.status_code == 302
    return Consultation.objects.get()


def test_from_question_to_advice_to_the_six_month_outcome(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    expert = log_in(Client(), world.user("expert"))
    consultation = _ask(world, professional)
    assert "Pieter" not in consultation.situation  # de-identified
    # Not handed over: the expert team reads the question, not the case.
    assert case_grant(world.user("expert"), world.case_a) is None
    page = expert.get(reverse("attention:consultation", args=[consultation.pk]))
    assert page.status_code == 200 and "eet slecht" in page.content.decode()
    assert AccessLogEntry.objects.filter(
        object_ref=world.case_a.reference, authorisation_rule=AuthorisationRule.CONSULTATION
    ).exists()
    assert expert.get(reverse("cases:detail", args=[world.case_a.reference])).status_code == 404

    expert.post(
        reverse("attention:consultation_triage", args=[consultation.pk]),
        {"decision": Triage.JOIN, "theme": Theme.NO_SUITABLE_CARE},
    )
    expert.post(
        reverse("attention:consultation_advise", args=[consultation.pk]),
        {"advice": "Schakel de ambulante GGZ bij; wij sluiten aan bij het eerstvolgende overleg."},
    )
    consultation.refresh_from_db()
    assert consultation.triage == Triage.JOIN and consultation.advised_at is not None
    follow_ups = {f.months: f for f in consultation.follow_ups.all()}
    assert sorted(follow_ups) == [3, 6]

    # Six months later the asker is asked, on their attention list.
    FollowUp.objects.update(due_on=timezone.localdate() - timedelta(days=1))
    today = professional.get(reverse("attention:today")).content.decode()
    assert reverse("attention:consultation", args=[consultation.pk]) in today
    for months in (3, 6):
        response = professional.post(
            reverse("attention:follow_up_answer", args=[follow_ups[months].pk]),
            {"helped": "ja", "stabilised": "deels" if months == 3 else "ja"},
        )
        assert response.status_code == 302
    six = FollowUp.objects.get(months=6)
    assert (six.helped, six.stabilised) == ("ja", "ja")
    # The expert cannot answer for the asker; an outsider sees nothing.
    assert expert.post(reverse("attention:follow_up_answer", args=[six.pk])).status_code == 403
    outsider = log_in(Client(), world.user("outsider"))
    assert (
        outsider.get(reverse("attention:consultation", args=[consultation.pk])).status_code == 404
    )


def test_decline_needs_a_reason(world: World) -> None:
    consultation = _ask(world, log_in(Client(), world.user("professional")))
    expert = log_in(Client(), world.user("expert"))
    url = reverse("attention:consultation_triage", args=[consultation.pk])
    expert.post(url, {"decision": Triage.DECLINE})
    consultation.refresh_from_db()
    assert consultation.triage == ""
    expert.post(url, {"decision": Triage.DECLINE, "decline_reason": "Past bij de GI."})
    consultation.refresh_from_db()
    assert consultation.triage == Triage.DECLINE


def test_figures_and_a_recurring_theme_becomes_a_knelpunt(world: World) -> None:
    now = timezone.now()
    for n in range(6):
        Consultation.objects.create(
            case=world.case_a,
            expert_team=world.expert_team,
            situation="s",
            tried="t",
            needed="n",
            asked_at=now - timedelta(days=20),
            triaged_at=now - timedelta(days=20 - (3 if n < 5 else 15)),
            triage=Triage.ADVISE,
            theme=Theme.NO_SUITABLE_CARE,
        )
    figures = expert_figures(world.expert_team, 10)
    assert figures.asked.value == 6
    assert figures.answered_within_norm.value == 5
    assert figures.answered_late.suppressed
    assert figures.median_days == 3.0
    assert figures.themes[0].raisable

    expert = log_in(Client(), world.user("expert"))
    page = expert.get(reverse("attention:expert_figures")).content.decode()
    assert "geen_passend_aanbod" in page
    url = reverse(
        "attention:theme_to_knelpunt", args=[world.expert_team.pk, Theme.NO_SUITABLE_CARE]
    )
    assert expert.post(url).status_code == 302
    bottleneck = Bottleneck.objects.get()
    assert bottleneck.category == Category.NO_SUITABLE_CARE
    assert bottleneck.case is None  # a theme, not a case
    assert log_in(Client(), world.user("analyst")).post(url).status_code == 403
