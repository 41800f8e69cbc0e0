"""E-mail the responsible bodies about bottlenecks past their deadline; each deadline once.
Meant for cron, e.g. every working day at 07:00."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from elkedagbeter.bottlenecks.actions import send_overdue_notices


class Command(BaseCommand):
    help = "Send one e-mail per overdue bottleneck deadline to the responsible body."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_overdue_notices(timezone.localdate())
        self.stdout.write(f"Sent {sent} overdue notices.")
