"""Load the synthetic demo region and print the demo logins. Safe to run repeatedly."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from elkedagbeter.demo.region import DEMO_API_TOKEN, DEMO_PASSWORD, load_demo_region


class Command(BaseCommand):
    help = "Load the synthetic demo region 'Jeugdregio Voorbeeld' and print its logins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = load_demo_region(timezone.localdate())
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
            f"Bearer {DEMO_API_TOKEN}' http://127.0.0.1:8000/api/v1/casussen"
        )
