"""Accounts. Permissions come from memberships (organisations app), not from Django groups."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Stores a work e-mail and a display name, nothing about clients."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
