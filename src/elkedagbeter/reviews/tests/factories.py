"""Helpers to build review rounds through the actions, as a user would."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from elkedagbeter.cases.imports import ImportMode
from elkedagbeter.organisations.models import Membership, Role, Team
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.findings import Findings, Number, YesNo
from elkedagbeter.reviews.models import ChecklistItem, Population, Review, ReviewRound


def request_for(user: User) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user
    return request


def second_expert(team: Team, username: str = "expert2") -> User:
    user = UserFactory(username=username)
    Membership.objects.create(user=user, role=Role.EXPERT, team=team)
    TOTPDeviceFactory(user=user)
    return user


def new_round(user: User, team: Team, reviewers: list[User], **fields: Any) -> ReviewRound:
    values = {
        "title": "Uitstroom uit de 24-uurszorg",
        "question": "Hoe komen jeugdigen sneller uit de 24-uurszorg?",
        "population": Population.IMPORTED,
        "sample_size": 30,
        "seed": 4711,
    }
    values.update(fields)
    return actions.create_round(
        request_for(user), expert_team=team, fields=values, reviewers=reviewers
    )


def import_rows(user: User, round_: ReviewRound, rows: list[dict[str, str]]) -> None:
    report = actions.import_dossiers(
        request_for(user), round_, rows, mode=ImportMode.ALL_OR_NOTHING, commit=True
    )
    assert report.committed, report.problems


def item(round_: ReviewRound, code: str) -> ChecklistItem:
    return round_.items.get(code=code)


def answer_all(review: Review, values: dict[str, object], *, note: str = "") -> None:
    """Hand in a review: ``values`` by item code; unnamed yes/no items get "nee", numbers 0."""
    round_ = review.dossier.round
    by_id: dict[int, object] = {}
    for checklist_item in round_.items.all():
        default = 0 if checklist_item.is_number else "nee"
        by_id[checklist_item.pk] = values.get(checklist_item.code, default)
    actions.save_review(request_for(review.reviewer), review, values=by_id, note=note, submit=True)


def yes_no(findings: Findings, code: str) -> YesNo:
    found = next(f.yes_no for f in findings.items if f.item.code == code)
    assert found is not None
    return found


def number(findings: Findings, code: str) -> Number:
    found = next(f.number for f in findings.items if f.item.code == code)
    assert found is not None
    return found
