"""Import iJw messages from a file, zip or folder: ``manage.py import_ijw REGION PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.ijw.actions import import_messages
from elkedagbeter.ijw.files import from_path
from elkedagbeter.organisations.models import Region


class Command(BaseCommand):
    help = "Import iJw 3.2 messages (JW315, JW301, JW305, JW307) for a region."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("region", help="region code")
        parser.add_argument("path", help="an XML file, a zip, or a folder of them")
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="keep nothing when one message is rejected (default: keep the good ones)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(f"unknown region {options['region']}")
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        report = import_messages(region, from_path(path), all_or_nothing=options["all_or_nothing"])
        for rejection in report.rejections:
            self.stdout.write(rejection.reason)
        self.stdout.write(
            f"accepted={report.accepted} duplicates={report.duplicates} "
            f"pending_stops={report.pending_stops} rejected={len(report.rejections)} "
            f"cases_updated={report.cases_updated} unregistered={report.unregistered} "
            f"saved={report.saved}"
        )
