"""Import a story collection from a CSV file (see stories/exchange.py). The transformation-stories
site dump from the seed documents is read by the demo package (``import_story_site``).

    python manage.py import_stories --csv FILE --region CODE [--approved]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Region
from elkedagbeter.stories import exchange
from elkedagbeter.stories.frameworks import current_framework


class Command(BaseCommand):
    help = "Import stories from CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--csv", type=Path, required=True)
        parser.add_argument("--region", help="Region code the stories belong to.")
        parser.add_argument(
            "--approved", action="store_true", help="CSV stories were moderated already."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"No region with code {options['region']!r}.")
        try:
            with options["csv"].open("rb") as upload:  # read no further than the import limits
                rows = exchange.read_csv(upload)
        except OSError as error:
            raise CommandError(str(error)) from error
        except exchange.CsvError as error:
            raise CommandError(str(error)) from error
        report = exchange.import_rows(
            rows,
            current_framework(),
            region=region,
            approved=options["approved"],
            source_ref=options["csv"].name,
        )
        for problem in report.problems:
            self.stderr.write(
                _("Row %(row)d, column %(column)s: %(message)s")
                % {"row": problem.row, "column": problem.column, "message": problem.message}
            )
        if report.problems:
            raise CommandError(_("Nothing was imported."))
        self.stdout.write(_("%(count)d stories imported.") % {"count": report.imported})
