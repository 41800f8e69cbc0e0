"""Rebuild the Beweging van 0 figures from the cases: nightly, and after bulk loads."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from elkedagbeter.indicators import facts, protection


class Command(BaseCommand):
    help = "Rebuild every team's figures for the Beweging van 0 dashboard."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--protect",
            action="store_true",
            help="Only work out again which figures no page may show (after changes to cases, "
            "where INDICATORS_PROTECT_ON_COMMIT is off).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["protect"]:
            hidden = protection.protect()
            self.stdout.write(
                f"Hid {hidden:,} figures across all pages in {time.perf_counter() - started:.1f} s."
            )
            return
        rows = facts.rebuild()
        self.stdout.write(
            f"Built {rows:,} rows of figures in {time.perf_counter() - started:.1f} s."
        )
