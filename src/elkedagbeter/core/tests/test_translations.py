"""The Dutch catalogue is complete, compiled, and in step with the source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.test import Client
from django.utils import translation

PACKAGE = Path(__file__).parents[2]
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES"


def test_every_dutch_message_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))

    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source_catalogue() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))

    def translations(catalogue: polib._BaseFile) -> dict[str, str]:
        return {e.msgid: e.msgstr or str(e.msgstr_plural) for e in catalogue if e.msgid}

    assert translations(mo) == translations(po), "run `make messages`"


def test_every_message_in_the_source_is_in_the_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "elkedagbeter"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {entry.msgid for entry in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE / "django.po"))}

    assert fresh - committed == set(), "new messages: run `make messages` and translate them"
    assert committed - fresh == set(), "messages no longer used: run `make messages`"


def test_pages_speak_dutch_by_default_and_english_on_request(client: Client) -> None:
    dutch = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en")  # browser language ignored
    client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    english = client.get("/inloggen/")

    assert '<html lang="nl"' in dutch.content.decode()
    assert "Inloggen" in dutch.content.decode()
    assert '<html lang="en"' in english.content.decode()
    with translation.override("en"):
        assert "Log in" in english.content.decode()
