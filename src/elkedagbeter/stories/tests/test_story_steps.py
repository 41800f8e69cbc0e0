"""The public story form in short steps with a progress indicator; what is typed travels with
the form, so going back keeps it, and nothing is stored before it is sent (issue 24)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import World
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Story

pytestmark = pytest.mark.django_db

URL = "/verhalen/delen/"
STORY = "We wachtten maanden op hulp, tot de wijkcoach eindelijk echt luisterde naar ons."


def _hidden(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        found.setdefault(name, []).append(value)
    return found


def _progress(html: str) -> str:
    found = re.search(r'id="step-progress"><strong>(.*?)</strong>', html)
    return found.group(1) if found else ""


def test_the_form_goes_step_by_step_and_keeps_what_was_typed(world: World) -> None:
    ensure_default_framework()
    client = Client(headers={"accept-language": "nl"})
    first = client.get(URL).content.decode()
    total = int(re.search(r"Stap 1 van (\d+)", first).group(1))  # type: ignore[union-attr]
    assert 5 <= total <= 8
    assert 'name="title"' in first and 'name="narrator_role"' not in first
    assert "sessionid" not in client.cookies  # nothing kept for an unsent story

    # A step with a problem stays, with only its own problem.
    empty = client.post(URL, {"_step": "0", "_move": "next", "title": "Kop"}).content.decode()
    assert _progress(empty) == f"Stap 1 van {total}"
    assert "Vertel hier uw verhaal." in empty and "Kies wie u bent" not in empty

    second = client.post(
        URL, {"_step": "0", "_move": "next", "title": "Kop", "text": STORY}
    ).content.decode()
    assert _progress(second) == f"Stap 2 van {total}"
    assert _hidden(second)["text"] == [STORY]
    assert "Vertel hier uw verhaal." not in second

    back = client.post(
        URL,
        {"_step": "1", "_move": "back", "title": "Kop", "text": STORY, "narrator_role": "ouder"},
    ).content.decode()
    assert _progress(back) == f"Stap 1 van {total}"
    assert STORY in back and 'value="Kop"' in back
    assert _hidden(back)["narrator_role"] == ["ouder"]
    assert Story.objects.count() == 0


def test_sending_with_a_problem_in_an_earlier_step_goes_there(world: World) -> None:
    ensure_default_framework()
    client = Client(headers={"accept-language": "nl"})
    page = client.get(URL).content.decode()
    total = int(re.search(r"Stap 1 van (\d+)", page).group(1))  # type: ignore[union-attr]
    response = client.post(
        URL, {"_step": str(total - 1), "_move": "send", "title": "Kop", "text": STORY}
    ).content.decode()
    assert _progress(response) == f"Stap 2 van {total}"
    assert "Kies wie u bent" in response
    assert Story.objects.count() == 0
