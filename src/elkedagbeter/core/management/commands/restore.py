"""Restore a backup into an empty database and check it against the backup's manifest."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from elkedagbeter.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore FILE (made by `manage.py backup`) into the configured, empty database."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            problems = restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("Restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write("Restored; every table's row count and checksum match the backup.")
