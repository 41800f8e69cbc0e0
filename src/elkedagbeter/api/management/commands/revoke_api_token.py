"""Revoke an API token by the prefix that ``create_api_token`` printed (or the whole token)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.api.actions import revoke_tokens


class Command(BaseCommand):
    help = "Revoke the API token with this prefix (the first 12 characters of the token)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        count = revoke_tokens(options["prefix"])
        if count == 0:
            raise CommandError("No usable token has this prefix.")
        self.stdout.write(f"Revoked {count} token{'s' if count != 1 else ''}.")
