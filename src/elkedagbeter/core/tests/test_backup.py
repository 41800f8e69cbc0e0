"""Backup and restore, as an operator runs them: `manage.py backup` on a database with the demo
region, `manage.py restore` into a new empty database of the same kind (SQLite in the first pass
of `make test`, the real PostgreSQL server in the second), and every row is back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[4]
COUNT_CASES = (
    "from elkedagbeter.cases.models import Case, Event; "
    "print(Case.objects.count(), Event.objects.count())"
)


@dataclass(frozen=True)
class Site:
    """A database of the kind the suite runs on, reached through manage.py."""

    url: str

    def manage(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "DATABASE_URL": self.url}
        environment["DJANGO_SETTINGS_MODULE"] = "elkedagbeter.settings.test"
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    def counts(self) -> str:
        done = self.manage("shell", "-c", COUNT_CASES)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]


def _new_databases(tmp: Path) -> Iterator[tuple[Site, Site]]:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        yield Site(f"sqlite:///{tmp / 'live.sqlite3'}"), Site(f"sqlite:///{tmp / 'fresh.sqlite3'}")
        return
    server = os.environ["DATABASE_URL"]  # the suite's own server; its tests use test_<name>
    names = [f"backup_{role}_{uuid.uuid4().hex[:8]}" for role in ("live", "fresh")]
    with psycopg.connect(server, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        base = server.rsplit("/", 1)[0]
        yield Site(f"{base}/{names[0]}"), Site(f"{base}/{names[1]}")
        for name in names:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Site, Path]]:
    """A live database with the demo region, its backup, and an empty database beside it."""
    tmp = tmp_path_factory.mktemp("backup")
    for live, fresh in _new_databases(tmp):
        for step in (("migrate", "--noinput"), ("load_demo",)):
            done = live.manage(*step)
            assert done.returncode == 0, done.stderr
        backup = tmp / "edb.backup"
        done = live.manage("backup", str(backup))
        assert done.returncode == 0, done.stderr
        yield live, fresh, backup


def test_a_backup_restores_into_an_empty_database_with_every_row(
    backed_up: tuple[Site, Site, Path],
) -> None:
    live, fresh, backup = backed_up

    done = fresh.manage("restore", str(backup))

    assert done.returncode == 0, done.stderr
    assert "every table's row count and checksum match" in done.stdout
    cases, events = map(int, fresh.counts().split())
    assert cases > 0 and events > 0
    assert fresh.counts() == live.counts()


def test_a_restore_that_differs_from_its_backup_says_which_table(
    backed_up: tuple[Site, Site, Path], tmp_path: Path
) -> None:
    _live, _fresh, backup = backed_up
    manifest = json.loads(backup.with_name(backup.name + ".manifest.json").read_text())
    manifest["cases_case"]["rows"] += 1  # as if a case had gone missing on the way
    copy = tmp_path / "edb.backup"
    copy.write_bytes(backup.read_bytes())
    copy.with_name(copy.name + ".manifest.json").write_text(json.dumps(manifest))
    for other, _unused in _new_databases(tmp_path):
        done = other.manage("restore", str(copy))

        assert done.returncode != 0
        assert "cases_case" in done.stderr and "rows backed up" in done.stderr


def test_a_restore_never_writes_over_a_database_in_use(
    backed_up: tuple[Site, Site, Path],
) -> None:
    live, _fresh, backup = backed_up
    before = live.counts()

    done = live.manage("restore", str(backup))

    assert done.returncode != 0
    assert "restore only into an empty one" in done.stderr
    assert live.counts() == before


def test_a_backup_never_overwrites_an_earlier_one(backed_up: tuple[Site, Site, Path]) -> None:
    live, _fresh, backup = backed_up
    earlier = backup.read_bytes()

    done = live.manage("backup", str(backup))

    assert done.returncode != 0 and "exists already" in done.stderr
    assert backup.read_bytes() == earlier
