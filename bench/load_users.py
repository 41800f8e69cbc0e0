"""Create the load test's accounts in the database of DATABASE_URL (see bench/load_accounts.py):
professionals in the demo professional's team, each with a TOTP device, and one national viewer.
Run after ``manage.py load_demo``; running again changes nothing.

    DJANGO_SETTINGS_MODULE=… DATABASE_URL=postgres://… python bench/load_users.py
"""

from __future__ import annotations

import binascii
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.load_accounts import (  # noqa: E402
    NATIONAL_VIEWER,
    PASSWORD,
    PROFESSIONALS,
    TEAM,
    professional,
    totp_key,
)
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.accounts.totp import DEVICE_NAME  # noqa: E402
from elkedagbeter.organisations.models import Membership, Role, Team  # noqa: E402


@transaction.atomic
def main() -> None:
    team = Team.objects.get(name=TEAM)
    password = make_password(PASSWORD)  # hashed once: argon2 per account would take minutes
    names = [professional(number) for number in range(PROFESSIONALS)]
    existing = set(
        User.objects.filter(username__in=[*names, NATIONAL_VIEWER]).values_list(
            "username", flat=True
        )
    )
    new = [
        User(username=name, password=password, first_name="Load", last_name=name)
        for name in [*names, NATIONAL_VIEWER]
        if name not in existing
    ]
    User.objects.bulk_create(new)
    users = {u.username: u for u in User.objects.filter(username__in=[u.username for u in new])}
    Membership.objects.bulk_create(
        Membership(
            user=user,
            role=Role.VIEWER if name == NATIONAL_VIEWER else Role.PROFESSIONAL,
            team=None if name == NATIONAL_VIEWER else team,
        )
        for name, user in users.items()
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(
            user=user,
            name=DEVICE_NAME,
            key=binascii.hexlify(totp_key(name)).decode(),
            confirmed=True,
        )
        for name, user in users.items()
        if name != NATIONAL_VIEWER
    )
    print(f"{len(new)} load accounts created ({len(existing)} there already)")


if __name__ == "__main__":
    main()
