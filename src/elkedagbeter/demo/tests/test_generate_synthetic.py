"""generate_synthetic: fresh case numbers, a second run fills what an interrupted one left, and the
figures can be built without their protection across pages (which takes hours nationally)."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from django.core.management import call_command

from elkedagbeter.cases.models import Case
from elkedagbeter.demo.management.commands import generate_synthetic
from elkedagbeter.indicators.models import HiddenFigure, IndicatorFact

# One region of 8 municipalities with 4 teams each: 32 teams, 2 cases per team.
OPTIONS = {"preset": "small", "regions": 1, "cases": 64, "no_figures": True}


class Interrupted(Exception):
    pass


def _interrupted_run(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """A run stopped after its first batch of 8 teams; returns the case numbers it stored."""
    monkeypatch.setattr(generate_synthetic, "BATCH", 16)
    real = generate_synthetic._cases_for
    calls = itertools.count()

    def stop_at_the_second_batch(*args: Any) -> int:
        if next(calls) == 1:
            raise Interrupted
        return real(*args)

    with monkeypatch.context() as patch:
        patch.setattr(generate_synthetic, "_cases_for", stop_at_the_second_batch)
        with pytest.raises(Interrupted):
            call_command("generate_synthetic", **OPTIONS)
    return set(Case.objects.values_list("reference", flat=True))


@pytest.mark.django_db
def test_a_second_run_only_fills_the_teams_left_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _interrupted_run(monkeypatch)
    assert len(first) == 16

    call_command("generate_synthetic", **OPTIONS)

    assert Case.objects.count() == 64
    assert len(set(Case.objects.values_list("team", flat=True))) == 32
    assert first <= set(Case.objects.values_list("reference", flat=True))
    call_command("generate_synthetic", **OPTIONS)
    assert Case.objects.count() == 64


@pytest.mark.django_db
def test_a_case_number_in_use_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = sorted(_interrupted_run(monkeypatch))[0]
    fresh = (f"C-TEST-{n:04d}" for n in itertools.count())
    drawn = itertools.chain([taken, taken], fresh)  # in use, and twice in one draw
    monkeypatch.setattr(generate_synthetic, "new_case_reference", lambda: next(drawn))

    call_command("generate_synthetic", **OPTIONS)

    assert Case.objects.count() == 64
    assert Case.objects.filter(reference=taken).count() == 1
    assert Case.objects.filter(reference__startswith="C-TEST-").count() == 48


@pytest.mark.django_db
def test_the_figures_can_wait_for_their_protection_across_pages() -> None:
    quiet = {"stdout": io.StringIO()}
    call_command(
        "generate_synthetic", **{**OPTIONS, "no_figures": False}, no_protection=True, **quiet
    )
    assert IndicatorFact.objects.filter(team__region__code="synth-1").exists()
    assert not HiddenFigure.objects.exists()

    call_command("refresh_indicators", protect=True, **quiet)  # what cron runs
    assert HiddenFigure.objects.exists()
