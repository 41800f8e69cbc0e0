"""Remove access-log entries older than their retention (``RETENTION_DAYS["access_log"]``, set
from ACCESS_LOG_RETENTION_DAYS). Dry run unless --apply. Kept for existing cron lines; the
general command is ``purge_expired --kind access_log``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from elkedagbeter.audit.actions import purge_expired_entries, retention_cutoff, retention_days


class Command(BaseCommand):
    help = "Purge access-log entries past the retention period (dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Really delete the entries.")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = retention_cutoff()
        count = purge_expired_entries(apply=options["apply"], cutoff=cutoff)
        verb = "Removed" if options["apply"] else "Would remove"
        self.stdout.write(
            f"{verb} {count} access-log entries older than {cutoff:%Y-%m-%d %H:%M} "
            f"(retention {retention_days()} days)."
        )
