"""Back up the database to one file, with a manifest of row counts and checksums beside it."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from elkedagbeter.core.backup import BackupError, back_up, manifest_path


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's backup API) to FILE."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        try:
            snapshot = back_up(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in snapshot.values())
        self.stdout.write(
            f"Backed up {len(snapshot)} tables, {rows:,} rows, to {target} "
            f"(manifest: {manifest_path(target).name})."
        )
