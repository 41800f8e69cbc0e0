"""The first hour of every demo role: log in, follow every link the role is shown, two levels
deep, and never meet a 403 or a server error. A link a role cannot use should not be shown.

The demo region is built once (``load_demo_region``, what ``make demo`` runs), then each demo
account walks its pages with the Django test client. Links leave the site, point at static
files or a form's POST target are skipped, downloads are fetched but not parsed; the crawl stays
within ``PER_ROUTE`` pages of each kind so the test stays around a minute."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from conftest import log_in
from elkedagbeter.accounts.models import User
from elkedagbeter.demo.region import ACCOUNTS, load_demo_region

pytestmark = pytest.mark.django_db

DEPTH = 2
# Every kind of page, not every case: at most this many URLs per URL pattern (route).
PER_ROUTE = 6
MAX_PAGES_PER_ROLE = 400
# Not pages: static files, the language switch (a form), logging out (a POST).
SKIP_PREFIXES = ("/static/", "/media/", "/taal/", "/uitloggen/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _internal_links(html: str) -> Iterator[str]:
    parser = _Links()
    parser.feed(html)
    for href in parser.hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue
        if url.startswith(SKIP_PREFIXES):
            continue
        yield url


def _route(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return url


@dataclass
class _Walk:
    persona: str
    seen: set[str] = field(default_factory=set)
    per_route: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _walk(client: Client, walk: _Walk) -> None:
    level = ["/"]
    walk.seen.add("/")
    for depth in range(DEPTH + 1):
        following: list[str] = []
        for url in level:
            response = client.get(url)
            if response.status_code == 403 or response.status_code >= 500:
                walk.problems.append(f"{walk.persona}: {response.status_code} on {url}")
                continue
            if depth == DEPTH or "text/html" not in response.get("Content-Type", ""):
                continue
            for link in _internal_links(response.content.decode()):
                if link in walk.seen or len(walk.seen) >= MAX_PAGES_PER_ROLE:
                    continue
                route = _route(link)
                if walk.per_route[route] >= PER_ROUTE:
                    continue
                walk.per_route[route] += 1
                walk.seen.add(link)
                following.append(link)
        level = following


def test_every_link_a_demo_role_is_shown_opens() -> None:
    load_demo_region(timezone.localdate())
    walks = []
    for account in ACCOUNTS:
        walk = _Walk(account.username)
        _walk(log_in(Client(), User.objects.get(username=account.username)), walk)
        walks.append(walk)

    problems = [problem for walk in walks for problem in walk.problems]
    assert problems == [], "\n".join(problems)
    assert all(len(walk.seen) > 5 for walk in walks), {w.persona: len(w.seen) for w in walks}
