"""Export everything held about one youth (AVG art. 15), by BSN or by pseudonym.

The BSN is only used in memory to compute the pseudonyms; it is not printed, stored or logged.
Prefer ``--bsn-file -`` (read from standard input) over ``--bsn`` so the number stays out of the
shell history and the process list. Output is English: it is for operators.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.organisations.models import Region
from elkedagbeter.retention import export


class Command(BaseCommand):
    help = "Export every record linked to one youth's pseudonym to a JSON file (AVG art. 15)."

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--bsn", help="The citizen service number (better: --bsn-file).")
        who.add_argument(
            "--bsn-file", help="A file holding the citizen service number; '-' for stdin."
        )
        who.add_argument("--pseudonym", action="append", help="A pseudonym (hex); repeatable.")
        parser.add_argument(
            "--region",
            action="append",
            help="Region code to compute the pseudonym for (repeatable; default: every region).",
        )
        parser.add_argument("--output", required=True, help="Path of the JSON file to write.")
        parser.add_argument("--summary", help="Also write a short Dutch summary to this path.")
        parser.add_argument("--operator", default="", help="Who makes the export, for the log.")
        parser.add_argument("--reason", default="", help="E.g. the request's reference.")

    def _pseudonyms(self, options: dict[str, Any]) -> list[str]:
        if options["pseudonym"]:
            return list(options["pseudonym"])
        if options["bsn_file"]:
            source = options["bsn_file"]
            bsn = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        else:
            bsn = options["bsn"]
        regions = options["region"]
        if regions:
            known = set(Region.objects.filter(code__in=regions).values_list("code", flat=True))
            if missing := sorted(set(regions) - known):
                raise CommandError(f"Unknown region code(s): {', '.join(missing)}.")
        try:
            return list(export.pseudonyms_for_bsn(bsn.strip(), regions).values())
        except ValueError as exc:
            raise CommandError(str(exc)) from None

    def handle(self, *args: Any, **options: Any) -> None:
        pseudonyms = self._pseudonyms(options)
        result = export.collect(pseudonyms)
        operator = options["operator"] or getpass.getuser()
        export.log_export(result, operator=operator, reason=options["reason"])
        summary = Path(options["summary"]) if options["summary"] else None
        export.write(result, Path(options["output"]), summary)
        self.stdout.write(
            f"Exported {len(result.cases)} cases for {len(pseudonyms)} pseudonym(s) to "
            f"{options['output']}; logged in the access log."
        )
