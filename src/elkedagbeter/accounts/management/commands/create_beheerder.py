"""Give a new installation (or a new region) its first functioneel beheerder.

Run by an operator with a shell, who is trusted with the installation anyway; the grant is
logged with the operator's name. The person gets a one-time code and sets their own password
and second factor; later beheerders are asked for in the administration and approved there.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from elkedagbeter.accounts import codes
from elkedagbeter.accounts.models import CodeChannel, CodePurpose, User
from elkedagbeter.organisations.actions import grant_by_operator
from elkedagbeter.organisations.models import Region, Role


class Command(BaseCommand):
    help = "Create a functioneel beheerder for a region (or --national) and print a one-time code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--email", default="", help="Send the code here instead of printing it."
        )
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--region", help="The region's code, e.g. voorbeeld.")
        where.add_argument("--national", action="store_true", help="For the whole country.")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"There is no region with code {options['region']!r}.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"The username {options['username']!r} is taken.")
        operator = getpass.getuser()
        user = User(username=options["username"], email=options["email"])
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        grant_by_operator(user=user, role=Role.ADMIN, region=region, operator=operator)
        channel = CodeChannel.EMAIL if user.email else CodeChannel.IN_PERSON
        code = codes.issue_code(
            None, user, purpose=CodePurpose.ACTIVATION, channel=channel, operator=operator
        )
        if channel == CodeChannel.EMAIL:
            self.stdout.write(f"{user.username} gets an e-mail with a one-time activation link.")
        else:
            self.stdout.write(
                f"Hand this one-time code to {user.username} in person; they set their own "
                f"password at /account/herstellen/: {code}"
            )
