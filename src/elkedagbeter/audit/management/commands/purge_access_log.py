"""Remove access-log entries older than ACCESS_LOG_RETENTION_DAYS. Dry run unless --apply."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from elkedagbeter.audit.actions import purge_expired_entries, retention_cutoff


class Command(BaseCommand):
    help = "Purge access-log entries past the retention period (dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Really delete the entries.")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = retention_cutoff()
        count = purge_expired_entries(apply=options["apply"])
        verb = "Removed" if options["apply"] else "Would remove"
        self.stdout.write(
            f"{verb} {count} access-log entries older than {cutoff:%Y-%m-%d %H:%M} "
            f"(retention {settings.ACCESS_LOG_RETENTION_DAYS} days)."
        )
