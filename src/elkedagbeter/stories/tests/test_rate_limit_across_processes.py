"""The story form's rate limit with more than one application process (issue 21: two servers in
front of one database). With SHARED_CACHE=database every process counts in the same table, so
attempts from one address add up whichever process receives them; with the default per-process
cache each process counts on its own. Two real Python processes (rate_limit_process.py) take
turns, as a round-robin proxy sends requests to two servers in turn; their database is a new one
on the suite's PostgreSQL server (a SQLite file in the first pass of `make test`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import RequestFactory

from conftest import postgres_only
from elkedagbeter.stories import ratelimit

pytestmark = pytest.mark.postgres

SRC = Path(__file__).resolve().parents[3]
ADDRESS = "198.51.100.7"


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database both processes reach, dropped afterwards."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    server = os.environ["DATABASE_URL"]
    name = f"ratelimit_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server.rsplit('/', 1)[0]}/{name}"
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class Process:
    """An application process of its own, counting attempts in its configured cache."""

    def __init__(self, database: str, shared_cache: str) -> None:
        environment = {
            "PATH": os.environ["PATH"],
            "PYTHONPATH": str(SRC),
            "DJANGO_SETTINGS_MODULE": "elkedagbeter.settings.test",
            "DATABASE_URL": database,
            "SHARED_CACHE": shared_cache,
            "STORY_RATE_LIMIT": "5",
            "TRUSTED_PROXY_HOPS": "0",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "elkedagbeter.stories.tests.rate_limit_process"],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if line != "ready":
            raise AssertionError(line or self.stderr())

    def attempt(self, address: str) -> bool:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(address + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if answer not in {"0", "1"}:
            raise AssertionError(answer or self.stderr())
        return answer == "1"

    def stderr(self) -> str:
        self.process.kill()
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _in_turn(database: str, shared_cache: str, attempts: int) -> list[tuple[int, bool]]:
    """``attempts`` from one address, sent to two processes in turn: (process, allowed)."""
    processes: list[Process] = []
    try:
        for _ in range(2):  # one after the other: the first creates the cache table
            processes.append(Process(database, shared_cache))
            processes[-1].ready()
        answers = [(n % 2, processes[n % 2].attempt(ADDRESS)) for n in range(attempts)]
        other = processes[0].attempt("198.51.100.8")
    finally:
        for process in processes:
            process.close()
    assert other, "another address has a limit of its own"
    return answers


def test_the_database_cache_counts_one_address_across_processes(shared_database: str) -> None:
    answers = _in_turn(shared_database, "database", attempts=8)

    assert [allowed for _, allowed in answers] == [True] * 5 + [False] * 3
    assert {process for process, _ in answers[:5]} == {0, 1}  # both processes took some


def test_a_per_process_cache_lets_one_address_past_the_limit(shared_database: str) -> None:
    """Why the setting exists: without it every process allows its own five."""
    answers = _in_turn(shared_database, "", attempts=12)

    assert [allowed for _, allowed in answers] == [True] * 10 + [False] * 2


@postgres_only("row locks are PostgreSQL's; production runs on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_attempts_at_the_same_moment_both_count(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two servers reading the count of one address at the same moment must not both write
    count + 1: the second waits for the first, so of two attempts against a limit of one, one
    is refused. (Before the row lock both were allowed; with eight at once, eight of eight.)"""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "edb_race",
        },
    }
    call_command("createcachetable", verbosity=0)
    both_read = threading.Barrier(2, timeout=2)
    read = DatabaseCache.get

    def read_then_wait_for_the_other(self: DatabaseCache, *args: Any, **kwargs: Any) -> Any:
        value = read(self, *args, **kwargs)
        with suppress(threading.BrokenBarrierError):  # the other waits for our lock: go on
            both_read.wait()
        return value

    monkeypatch.setattr(DatabaseCache, "get", read_then_wait_for_the_other)
    allowed: list[bool] = []

    def attempt() -> None:
        try:
            request = RequestFactory().post("/verhalen/delen/", REMOTE_ADDR="198.51.100.9")
            allowed.append(ratelimit.allow(request, "share", limit=1))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE edb_race")

    assert sorted(allowed) == [False, True]


class _Deadlock(Exception):
    sqlstate = "40P01"  # what psycopg's DeadlockDetected carries


def test_an_attempt_undone_by_a_deadlock_is_counted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL undoes one of two deadlocked writers (the database cache culling while each
    holds its counter locked); that attempt counted nothing, so it is counted again, once."""
    counted = ratelimit._count
    calls: list[str] = []

    def deadlock_once(key: str) -> int:
        calls.append(key)
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from _Deadlock()
        return counted(key)

    monkeypatch.setattr(ratelimit, "_count", deadlock_once)
    request = RequestFactory().post("/verhalen/delen/", REMOTE_ADDR="198.51.100.10")

    assert [ratelimit.allow(request, "share", limit=1) for _ in range(2)] == [True, False]
    assert len(calls) == 3


def test_other_database_errors_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(key: str) -> int:
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(ratelimit, "_count", broken)
    request = RequestFactory().post("/verhalen/delen/", REMOTE_ADDR="198.51.100.11")

    with pytest.raises(OperationalError):
        ratelimit.allow(request, "share")
