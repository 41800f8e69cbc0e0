"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

The browser starts once per session; every test gets a fresh context (no shared cookies).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()


@dataclass
class Site:
    """A browser tab on the live server, collecting Content-Security-Policy violations."""

    page: Page
    base_url: str
    csp_violations: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def log_in(self, username: str, password: str = PASSWORD) -> Page:
        page = self.open("/inloggen/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        return page

    def enter_code(self, code: str) -> Page:
        self.page.fill("#id_token", code)
        self.page.click("main button[type=submit]")
        return self.page

    def log_in_fully(self, user: User) -> Page:
        self.log_in(user.username)
        return self.enter_code(current_code(user))


def current_code(user: User) -> str:
    device = user.totpdevice_set.get(confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def dutch(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


@pytest.fixture
def site(browser: Browser, live_server: object) -> Iterator[Site]:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    site = Site(page=page, base_url=str(live_server))

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            site.csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", watch)
    yield site
    context.close()
