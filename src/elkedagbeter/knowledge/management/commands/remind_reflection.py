"""Remind coordinators of teams without a reflection session in four months. Run daily from
cron; each gap is reminded once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from elkedagbeter.knowledge.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the coordinators of teams that have not reflected in four months."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="Put before the logbook link, e.g. https://edb.example"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(timezone.localdate(), options["base_url"].rstrip("/"))
        for item in sent:
            self.stdout.write(f"{item.team}: {item.recipients} coordinator(s)")
        self.stdout.write(f"{len(sent)} team(s) reminded.")
