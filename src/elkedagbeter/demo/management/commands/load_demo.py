"""Load the synthetic demo region and print the demo logins. Safe to run repeatedly."""

from __future__ import annotations

import os
from typing import Any

from django.core import mail
from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings
from django.utils import timezone

from elkedagbeter.demo.region import DEMO_API_TOKEN, DEMO_PASSWORD, load_demo_region

# Mail sent while the region is built (notices to bottleneck bodies, signal updates, ...) is kept
# in memory and counted, not printed: the demo's console backend would otherwise put whole raw
# e-mails before the login table. Mail sent later by the running demo still goes to the console.
_QUIET_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load the synthetic demo region 'Jeugdregio Voorbeeld' and print its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT") or 8000),
            help="The port the demo is served on, for the example URL (default: $PORT or 8000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with override_settings(EMAIL_BACKEND=_QUIET_MAIL):
            mail.outbox = []
            logins = load_demo_region(timezone.localdate())
            held_back = len(mail.outbox)
            mail.outbox = []
        port = options["port"]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"{'username':<14}{'role':<14}{'where':<36}TOTP key")
        for login in logins:
            secret = login.totp_secret or "-"
            self.stdout.write(f"{login.username:<14}{login.role:<14}{login.scope:<36}{secret}")
        self.stdout.write(
            "Roles that see case data ask for a TOTP code. Add the key to an authenticator app, "
            "or read the current code on the verification page (shown in demo mode only)."
        )
        self.stdout.write(
            f"API token of 'professional': {DEMO_API_TOKEN} — try: curl -H 'Authorization: "
            f"Bearer {DEMO_API_TOKEN}' http://127.0.0.1:{port}/api/v1/casussen"
        )
        if held_back:
            self.stdout.write(
                f"({held_back} e-mails the demo data would have sent were not printed; "
                "e-mail sent while the demo runs is printed here.)"
            )
