"""Issue an API token for a user and print it once; only its digest is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.accounts.models import User
from elkedagbeter.api.actions import issue_token

MAX_DAYS = 730


class Command(BaseCommand):
    help = "Issue an API token that acts for <username>; the token is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--name", required=True, help="What the token is for, e.g. the system using it."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help=f"Days until the token expires (1 to {MAX_DAYS}; default 90).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"There is no active user {options['username']!r}.")
        name = options["name"].strip()
        if not name:
            raise CommandError("Give the token a --name.")
        days = options["days"]
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_DAYS}.")
        token, secret = issue_token(user, name=name, valid_for=timedelta(days=days))
        self.stderr.write(
            f"Token {token.prefix}… for {user.username} ({name}), valid until "
            f"{token.expires_at:%Y-%m-%d %H:%M}. It is shown once; store it now."
        )
        self.stdout.write(secret)
