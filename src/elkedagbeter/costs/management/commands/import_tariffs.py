"""Import a region's tariffs from a CSV or XLSX file (columns in docs/costs.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.cases.imports import ImportMode, RowError, read_rows
from elkedagbeter.costs.imports import run_tariff_import


class Command(BaseCommand):
    help = "Import tariffs per hulpvorm or arrangement from CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--keep-good-rows",
            action="store_true",
            help="Write the good rows when some are wrong (default: all or nothing).",
        )
        parser.add_argument("--check", action="store_true", help="Check only; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            with path.open("rb") as upload:
                rows = read_rows(upload, path.name)
        except OSError as error:
            raise CommandError(str(error)) from error
        except RowError as error:
            raise CommandError(error.message) from error
        mode = ImportMode.GOOD_ROWS if options["keep_good_rows"] else ImportMode.ALL_OR_NOTHING
        report = run_tariff_import(rows, mode=mode, commit=not options["check"])
        for problem in report.problems:
            self.stderr.write(f"rij {problem.row}, {problem.column}: {problem.message}")
        self.stdout.write(
            f"{report.rows} rijen, {report.bad_rows} met problemen; "
            f"{report.created} toegevoegd, {report.updated} bijgewerkt."
        )
        if report.problems and not report.committed:
            raise CommandError("Niets geïmporteerd.")
