"""Rebuild the Beweging van 0 figures from the cases: nightly, and after bulk loads."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from elkedagbeter.indicators import facts


class Command(BaseCommand):
    help = "Rebuild every team's figures for the Beweging van 0 dashboard."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = facts.rebuild()
        self.stdout.write(
            f"Built {rows:,} rows of figures in {time.perf_counter() - started:.1f} s."
        )
