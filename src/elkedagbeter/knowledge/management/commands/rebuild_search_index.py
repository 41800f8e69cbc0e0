"""Rebuild the Wat werkt search index from every registered source (or the ones named)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from elkedagbeter.knowledge.sources import SOURCES, rebuild


class Command(BaseCommand):
    help = "Index every object of the registered search sources again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="*", help=f"Any of: {', '.join(SOURCES)}")

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = set(options["sources"]) - set(SOURCES)
        if unknown:
            raise CommandError(f"Unknown source(s): {', '.join(sorted(unknown))}")
        with transaction.atomic():
            count = rebuild(options["sources"] or None)
        self.stdout.write(f"{count} document(s) indexed.")
