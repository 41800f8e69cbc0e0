"""Re-evaluate the signal rules for every open case (daily from cron: some rules depend on the
passing of time, such as "no monitoring moment for longer than the norm")."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from elkedagbeter.attention.refresh import refresh_region
from elkedagbeter.organisations.models import Region


class Command(BaseCommand):
    help = "Re-evaluate the signal rules for the open cases of a region (or the country)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="the region's code; all regions when left out")

    def handle(self, *args: Any, **options: Any) -> None:
        region_id = None
        if options["region"]:
            region_id = Region.objects.get(code=options["region"]).pk
        started = time.perf_counter()
        opened, cleared = refresh_region(region_id)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{opened} signals opened, {cleared} no longer apply ({seconds:.1f} s)")
