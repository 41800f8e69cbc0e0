"""Readability of the family pages, measured on the rendered templates with the Dutch Flesch
formula (Flesch-Douma: 206.835 - 0.93 x words per sentence - 77 x syllables per word; textstat
with language "nl", syllables from pyphen's Dutch hyphenation). 60 to 70 reads as "fairly easy",
which is where B1 texts land; the figure is printed and written in docs/family.md.

Text is what the visitor reads in <main>: headings, paragraphs, list items, labels, choices and
buttons, each a sentence of its own (a heading has no full stop, but is read as one unit)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import textstat
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.attention.models import Agreement, CaseConference
from elkedagbeter.cases.models import Event, EventKind

from ..models import FamilyKind, TeamContact
from .factories import family_account, family_client, household

BLOCKS = {"p", "li", "h1", "h2", "h3", "label", "button", "th", "td", "legend", "a", "strong"}
PAGES = ["family:home", "family:answer", "family:plan", "family:who_looked"]
YOUTH_PAGES = [*PAGES, "family:sharing", "family:youth_check"]
# Below this the pages are harder than B1 (Douma's "fairly difficult" starts at 50).
FLOOR = 60.0


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <main>
        self.skip = 0  # inside <script>, <style> or the page navigation
        self.parts: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in {"script", "style", "nav"}:
            self.skip += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._flush()
        if tag in {"script", "style", "nav"}:
            self.skip -= 1
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join(" ".join(self.current).split())
        self.current = []
        if any(ch.isalpha() for ch in text):
            self.parts.append(text if text[-1] in ".?!:" else text + ".")

    def text(self) -> str:
        self._flush()
        return " ".join(self.parts)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return parser.text()


def sentences_only(text: str) -> str:
    """Leave out the short parts (buttons, headings, choices, labels of one or two words), which
    make a page look easier than its sentences are."""
    parts = text.replace("?", "?|").replace(". ", ".|").replace(": ", ":|").split("|")
    return " ".join(part for part in parts if len(part.split()) >= 3)


def douma(text: str) -> float:
    textstat.set_lang("nl")
    try:
        return float(textstat.flesch_reading_ease(text))
    finally:
        textstat.set_lang("en")


@pytest.fixture
def pages(world: World) -> dict[str, str]:
    prof = world.user("professional")
    home = household(world.case_a, prof)
    TeamContact.objects.create(
        case=world.case_a, display_name="Wijkcoach Jip", role="casusregisseur", reach="Bel 010"
    )
    today = timezone.localdate()
    conference = CaseConference.objects.create(
        case=world.case_a, held_on=today, question="Hoe gaat het op school?", participants="Team"
    )
    Agreement.objects.create(
        conference=conference, what="Elke week bellen", who="Team", due_on=today
    )
    Event.objects.create(
        case=world.case_a, member=home.teen, kind=EventKind.RUNAWAY, started_on=today
    )
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    youth = family_account(prof, world.case_a, home.older, FamilyKind.YOUTH, "jongere")
    texts = {}
    for access in (parent, youth):
        client = family_client(access)
        for name in YOUTH_PAGES if access.kind == FamilyKind.YOUTH else PAGES:
            response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="nl")
            assert response.status_code == 200, name
            texts[f"{name} ({access.kind})"] = main_text(response.content.decode())
    texts["family:redeem"] = main_text(
        client.get(reverse("family:redeem")).content.decode()  # the invitation page
    )
    return texts


def test_the_family_pages_read_at_b1(pages: dict[str, str]) -> None:
    scores = {name: douma(text) for name, text in pages.items()}
    strict = {name: douma(sentences_only(text)) for name, text in pages.items()}
    together = " ".join(pages.values())
    overall, overall_strict = douma(together), douma(sentences_only(together))
    print("\nreadability (Flesch-Douma): all text | sentences of 3+ words only")
    for name in sorted(scores):
        print(f"{scores[name]:6.1f} | {strict[name]:6.1f}  {name}")
    print(f"{overall:6.1f} | {overall_strict:6.1f}  all family pages together")
    assert overall_strict >= FLOOR, strict
