"""Two people revising the same plan or analysis: the later save never silently overwrites the
earlier one. It is refused with a Dutch message naming who saved in between, and the text the
user typed stays in the form so that saving again (after reading) goes through."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World, log_in, postgres_only
from elkedagbeter.cases import actions

pytestmark = pytest.mark.django_db


def _url(name: str, world: World) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": world.case_a.reference})


def _based_on(html: str) -> str:
    found = re.search(r'name="based_on" value="(\d+)"', html)
    assert found, "the form carries the version it started from"
    return found.group(1)


def test_a_plan_saved_by_someone_else_in_between_is_not_overwritten(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    coordinator = log_in(Client(), world.user("coordinator"))
    professional.post(_url("plan", world), {"text": "Plan van de intake", "based_on": "0"})
    # Both open the plan page at version 1.
    seen_by_professional = _based_on(professional.get(_url("plan", world)).content.decode())
    seen_by_coordinator = _based_on(coordinator.get(_url("plan", world)).content.decode())

    professional.post(
        _url("plan", world),
        {"text": "Plan met school", "reason": "Overleg school", "based_on": seen_by_professional},
    )
    refused = coordinator.post(
        _url("plan", world),
        {"text": "Plan met huisarts", "reason": "Huisarts erbij", "based_on": seen_by_coordinator},
    )

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Iemand anders heeft versie 2 van het ondersteuningsplan opgeslagen" in page
    assert "Plan met huisarts" in page and "Huisarts erbij" in page  # nothing typed is lost
    versions = list(world.case_a.plan_versions.values_list("number", "text"))
    assert versions == [(2, "Plan met school"), (1, "Plan van de intake")]

    # Having read version 2, the coordinator saves again from the form as it was shown.
    coordinator.post(
        _url("plan", world),
        {"text": "Plan met school en huisarts", "reason": "Huisarts erbij", "based_on": "2"},
    )
    assert _based_on(page) == "2"
    assert world.case_a.plan_versions.values_list("text", flat=True)[0] == (
        "Plan met school en huisarts"
    )


def test_an_analysis_saved_by_someone_else_in_between_is_not_overwritten(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    coordinator = log_in(Client(), world.user("coordinator"))
    professional.post(_url("analysis", world), {"domain_wonen": "Schulden", "based_on": "0"})
    coordinator.post(
        _url("analysis", world),
        {"domain_wonen": "Schulden en huur", "reason": "Gesprek", "based_on": "1"},
    )

    refused = professional.post(
        _url("analysis", world),
        {"domain_school_werk": "Verzuim", "reason": "School belde", "based_on": "1"},
    )

    assert "versie 2 van de verklarende analyse" in refused.content.decode()
    assert "Verzuim" in refused.content.decode()
    assert world.case_a.analysis_versions.count() == 2


def test_a_stale_first_version_is_refused_too(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    coordinator = log_in(Client(), world.user("coordinator"))
    professional.post(_url("plan", world), {"text": "Eerste plan", "based_on": "0"})

    refused = coordinator.post(
        _url("plan", world), {"text": "Ook een eerste plan", "reason": "Intake", "based_on": "0"}
    )

    assert "Iemand anders heeft versie 1" in refused.content.decode()
    assert list(world.case_a.plan_versions.values_list("text", flat=True)) == ["Eerste plan"]


@pytest.mark.postgres
@postgres_only("row locks are PostgreSQL's: the embedded SQLite database refuses a second writer")
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_take_turns(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save holds the case locked until it commits; the second, started from the
    same version meanwhile, waits for it and is then refused instead of overwriting."""
    log_in(Client(), world.user("professional")).post(
        _url("plan", world), {"text": "Eerste plan", "based_on": "0"}
    )
    first_inside, release_first = threading.Event(), threading.Event()
    original = actions.log_case_update

    def hold_the_first_save(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_inside.set()
            release_first.wait(timeout=30)

    monkeypatch.setattr(actions, "log_case_update", hold_the_first_save)
    statuses: dict[str, int] = {}

    def save(name: str, client: Client, text: str) -> None:
        try:
            data = {"text": text, "reason": name, "based_on": "1"}
            statuses[name] = client.post(_url("plan", world), data).status_code
        finally:
            connection.close()

    clients = {
        name: log_in(Client(), world.user(user))
        for name, user in (("first", "professional"), ("second", "coordinator"))
    }
    first = threading.Thread(target=save, name="first", args=("first", clients["first"], "A"))
    second = threading.Thread(target=save, name="second", args=("second", clients["second"], "B"))
    first.start()
    assert first_inside.wait(timeout=30)
    second.start()
    second.join(timeout=1)  # the second save is now waiting for the lock (or about to)
    release_first.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert statuses == {"first": 302, "second": 200}
    assert list(world.case_a.plan_versions.values_list("number", "text")) == [
        (2, "A"),
        (1, "Eerste plan"),
    ]
