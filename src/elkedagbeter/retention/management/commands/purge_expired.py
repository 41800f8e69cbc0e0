"""Remove what is past its retention, per kind (settings.RETENTION_DAYS). Dry run unless --apply.

Output is English: it is for operators. Every run is recorded as a PurgeRun (retention app).
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.retention.purge import BY_CODE, KINDS, Kind, run_purge, unknown_kinds


def verb(kind: Kind, applied: bool) -> str:
    return kind.verbs[1] if applied else f"would {kind.verbs[0]}"


class Command(BaseCommand):
    help = "Purge data past its retention period, per kind (dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Really remove the records.")
        parser.add_argument(
            "--kind",
            action="append",
            metavar="KIND",
            help=f"Only this kind (repeatable): {', '.join(kind.code for kind in KINDS)}.",
        )
        parser.add_argument(
            "--operator",
            default="",
            help="Who runs the purge, for the record (default: the system user).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = options["kind"]
        if kinds and (unknown := unknown_kinds(kinds)):
            raise CommandError(f"Unknown kind(s): {', '.join(unknown)}.")
        operator = options["operator"] or getpass.getuser()
        report = run_purge(apply=options["apply"], operator=operator, kinds=kinds)
        self.stdout.write(f"{'Purge' if report.applied else 'Dry run'} by {operator}:")
        for result in report.results:
            kind = BY_CODE[result.code]
            if result.days is None or result.cutoff is None:
                self.stdout.write(f"  {result.code}: not configured in RETENTION_DAYS, kept.")
                continue
            line = (
                f"  {result.code}: {verb(kind, report.applied)} {result.count} ({kind.what}); "
                f"{result.days} days from {kind.counts_from}, cut-off "
                f"{result.cutoff:%Y-%m-%d %H:%M}"
            )
            if result.held_back:
                line += f"; {result.held_back} held back by a review round"
            self.stdout.write(line + ".")
        if not report.applied:
            self.stdout.write("Nothing was removed. Run again with --apply to remove.")
        assert report.run is not None
        self.stdout.write(f"Recorded as purge run {report.run.pk}.")
