"""Who the generators act as when no demo login stands for the writer.

Case histories in teams without a demo login, and the synthetic regions, are written by a system
actor: a user that cannot log in and belongs to no team, so the access log and each row's
"recorded by" name the generator honestly instead of a person.
"""

from __future__ import annotations

from elkedagbeter.accounts.models import User

DEMO_ACTOR = "demo-generator"
SYNTHETIC_ACTOR = "synthetic-generator"


def system_actor(username: str) -> User:
    """The generator's own user, created once: no password, no memberships, not active."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "Generator", "last_name": "(demo)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
