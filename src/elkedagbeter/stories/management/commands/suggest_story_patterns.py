"""Theme finding over approved stories, for cron: one run per region (or all stories together).

python manage.py suggest_story_patterns [--region CODE] [--all] [--clusters K]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.organisations.models import Region
from elkedagbeter.stories.patterns import run_suggestions
from elkedagbeter.stories.themes import DEFAULT_METHOD, METHODS


class Command(BaseCommand):
    help = "Suggest story patterns (clusters) for moderators to name, merge and curate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="Only this region's stories (its code).")
        parser.add_argument(
            "--all", action="store_true", help="All stories together, across regions."
        )
        parser.add_argument("--clusters", type=int, help="Number of clusters (default: chosen).")
        parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            scopes: list[Region | None] = [None]
        elif options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"No region with code {options['region']!r}.")
            scopes = [region]
        else:
            scopes = list(Region.objects.filter(stories__isnull=False).distinct())
        for scope in scopes:
            run = run_suggestions(scope, k=options["clusters"], method=options["method"])
            self.stdout.write(
                f"{scope or 'all regions'}: {run.suggestions.count()} suggestions from "
                f"{run.story_count} stories in {run.seconds:.1f} s"
            )
