"""Load test of the demo on loopback: professionals opening case pages of their team, analysts
opening the Beweging van 0 dashboard, a national viewer opening the country's figures, and
anonymous visitors opening and sending the public story form. Run by scripts/load.sh, which
prepares the database, starts the server and prints the figures:

    locust -f bench/locustfile.py --headless --host http://127.0.0.1:PORT -u 50 -r 2.5 -t 60s

Every check is strict: a response counts as a success only when it is the page asked for (a
redirect to the login page, a 429 from the story form's rate limit or a form sent back with
errors is a failure).
"""

from __future__ import annotations

import csv
import itertools
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import gevent  # type: ignore[import-untyped]  # locust's event loop; no stubs installed
from locust import HttpUser, between, task
from locust.clients import HttpSession, ResponseContextManager
from locust.env import Environment
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_accounts import (
    ANALYST,
    NATIONAL_VIEWER,
    PASSWORD,
    current_code,
    professional,
)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE_LINK = re.compile(r'href="/casussen/(C-[A-Z0-9]{4}-[A-Z0-9]{4})/"')
# Think time of a person between two pages; with it, 200 users offer about 40 requests a second.
THINK = between(2, 8)
# Each run starts at its own account (scripts/load.sh sets LOAD_ACCOUNT_OFFSET): a TOTP code is
# accepted once, so a run right after another must not log in to the same accounts again.
_professionals = itertools.count(int(os.environ.get("LOAD_ACCOUNT_OFFSET", "0")))
_visitors = itertools.count(1)
# Measured: LOAD_SECONDS from the moment every user has arrived and logged in. The logins before
# that are written to LOAD_LOGIN_CSV, so a crowd logging in does not blur the page figures.
MEASURE_SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
LOGIN_CSV = os.environ.get("LOAD_LOGIN_CSV", "")
_arrived = itertools.count(1)
_started = time.monotonic()

STORY = (
    "Toen mijn zoon voor de derde keer in een jaar moest verhuizen naar een andere groep, "
    "belde niemand ons vooraf. We hoorden het pas toen hij al weg was. Later kwam er een nieuwe "
    "begeleider die wel de tijd nam: ze kwam bij ons thuis, luisterde eerst en vroeg wat hij "
    "zelf wilde. Sindsdien gaat het stap voor stap beter en weten we wie we kunnen bellen."
)


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    if found is None:
        raise ValueError("no CSRF token on the page")
    return found.group(1)


def expect_page(response: ResponseContextManager, marker: str) -> None:
    """Success only for a 200 without redirect (a lost session ends on the login page) that shows
    ``marker``; anything else is a failure with its reason."""
    if response.status_code != 200:
        response.failure(f"HTTP {response.status_code}")
    elif response.history:
        response.failure(f"redirected to {response.url}")
    elif marker not in response.text:
        response.failure(f"the page lacks {marker!r} (url {response.url})")
    else:
        response.success()


def open_page(client: HttpSession, url: str, name: str, marker: str) -> str:
    """GET a page, checked by ``expect_page``; returns its HTML."""
    with client.get(url, name=name, catch_response=True) as response:
        expect_page(response, marker)
        return response.text or ""


def arrived(environment: Environment) -> None:
    """Called by every user once its start is over (logged in, or given up): when the last one
    has arrived, keep the login figures, reset the statistics and stop LOAD_SECONDS later."""
    runner = environment.runner
    if runner is None or next(_arrived) != runner.target_user_count:
        return
    rows = [
        [entry.name, entry.num_requests, entry.num_failures]
        + [entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99)]
        for entry in environment.stats.entries.values()
        if entry.name.startswith("login")
    ]
    if LOGIN_CSV:
        with open(LOGIN_CSV, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Name", "Requests", "Failures", "50%", "95%", "99%", "Seconds"])
            seconds = round(time.monotonic() - _started)
            writer.writerows([*row, seconds] for row in rows)
    environment.stats.reset_all()
    gevent.spawn_later(MEASURE_SECONDS, runner.quit)


class Arriving(HttpUser):
    """A user that counts as arrived once its ``arrive`` is done, whatever happened in it."""

    abstract = True
    wait_time = THINK

    def on_start(self) -> None:
        try:
            self.arrive()
        finally:
            arrived(self.environment)

    def arrive(self) -> None:
        """Log in and the like; nothing by default."""


class SignedIn(Arriving):
    abstract = True

    def log_in(self, username: str, second_factor: bool) -> None:
        """Password, then (for roles that see case data) the current TOTP code. A refusal is a
        failure, and stops this user: it would only measure login pages after that."""
        page = self.client.get("/inloggen/", name="login page")
        fields = {"username": username, "password": PASSWORD}
        self._expect_redirect("/inloggen/", "login: password", page.text, fields)
        if second_factor:
            page = self.client.get("/tweestapsverificatie/", name="login: code page")
            fields = {"token": current_code(username)}
            self._expect_redirect("/tweestapsverificatie/", "login: code", page.text, fields)

    def _expect_redirect(self, url: str, name: str, form: str, fields: dict[str, str]) -> None:
        data = {"csrfmiddlewaretoken": csrf_token(form), **fields}
        with self.client.post(
            url, data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                response.success()
                return
            response.failure(f"refused (HTTP {response.status_code})")
        raise StopUser


class Professional(SignedIn):
    """A professional of the demo team: the case list now and then, mostly case pages."""

    weight = 5

    def arrive(self) -> None:
        self.log_in(professional(next(_professionals)), second_factor=True)
        self.references: list[str] = []
        self.case_list()
        if not self.references:
            raise RuntimeError("no cases on the team's case list")

    @task(1)
    def case_list(self) -> None:
        page = open_page(self.client, "/casussen/", "case list", "/casussen/C-")
        self.references = CASE_LINK.findall(page) or self.references

    @task(5)
    def case_page(self) -> None:
        reference = random.choice(self.references)  # noqa: S311 - picking a page, not security
        open_page(self.client, f"/casussen/{reference}/", "case page", reference)


class DashboardReader(SignedIn):
    """Someone who reads the Beweging van 0 figures (no second factor for these roles)."""

    abstract = True
    username = ""
    urls: tuple[str, ...] = ()
    page = ""

    def arrive(self) -> None:
        self.log_in(self.username, second_factor=False)

    @task
    def dashboard(self) -> None:
        url = random.choice(self.urls)  # noqa: S311 - picking a page, not security
        open_page(self.client, url, self.page, 'class="edb-filters"')


class Analyst(DashboardReader):
    """The demo region's analyst: the dashboard by quarter (its default), month and year."""

    weight = 2
    username = ANALYST
    urls = tuple(f"/beweging-van-0/?periode={k}" for k in ("kwartaal", "kwartaal", "maand", "jaar"))
    page = "dashboard (region)"


class NationalViewer(DashboardReader):
    """A national viewer: the country's figures by quarter, over every synthetic region."""

    weight = 1
    username = NATIONAL_VIEWER
    urls = ("/beweging-van-0/?plaats=land&periode=kwartaal",)
    page = "dashboard (country)"


class Visitor(Arriving):
    """An anonymous visitor: opens the story form, reads it, and one in three sends a story.

    Each story comes from a visitor of its own, with an address of its own in X-Forwarded-For
    (scripts/load.sh trusts that header, as behind a reverse proxy); the rate limit of the form
    stays on, so a 429 shows up as a failure instead of being hidden."""

    weight = 2

    @task(2)
    def open_form(self) -> None:
        open_page(self.client, "/verhalen/delen/", "story form", "csrfmiddlewaretoken")

    @task(1)
    def send_story(self) -> None:
        page = self.client.get("/verhalen/delen/", name="story form")
        visitor = next(_visitors)
        address = f"10.{visitor // 65536 % 256}.{visitor // 256 % 256}.{visitor % 256}"
        data: dict[str, Any] = {
            "csrfmiddlewaretoken": csrf_token(page.text),
            "title": f"Eindelijk iemand die luisterde ({visitor})",
            "text": STORY,
            "narrator_role": "ouder",
            "consent_learning": "on",
            "website": "",
        }
        with self.client.post(
            "/verhalen/delen/",
            data,
            headers={"X-Forwarded-For": address},
            name="story sent",
            catch_response=True,
        ) as response:
            expect_page(response, 'id="withdrawal-code"')
