"""Import the transformation-stories site dump from the seed documents: its patterns, tips and
stories, published. ``load_demo`` does this for the demo region when the seed documents are next
to the checkout.

    python manage.py import_story_site FILE [--region CODE]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.demo import story_site
from elkedagbeter.organisations.models import Region


class Command(BaseCommand):
    help = "Import the transformation-stories site dump from the seed documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", help="Region code the stories belong to.")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"No region with code {options['region']!r}.")
        patterns, stories = story_site.load(story_site.parse_file(options["file"]), region)
        self.stdout.write(f"{patterns} new patterns, {stories} new stories.")
