"""Accounts. Permissions come from memberships (organisations app), not from Django groups."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Stores a work e-mail and a display name, nothing about clients."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class CodePurpose(models.TextChoices):
    ACTIVATION = "activation", _("Activate a new account")
    RESET = "reset", _("Reset password and second factor")


class CodeChannel(models.TextChoices):
    EMAIL = "email", _("Sent by e-mail")
    IN_PERSON = "in_person", _("Handed over in person")


class AccountCode(models.Model):
    """A one-time code with which a person sets their own password and second factor.

    A beheerder never sets a password: they issue a code (sent to the person's e-mail address,
    or shown once to hand over in person). Only a digest is stored. Issuing a new code voids
    the older ones; a code is void after use, after it expires or after too many wrong tries.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_codes", verbose_name=_("user")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=CodePurpose.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=CodeChannel.choices)
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.CharField(_("issued by"), max_length=150, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    voided = models.BooleanField(_("void"), default=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_purpose_display()} — {self.issued_at:%Y-%m-%d %H:%M}"

    def is_usable(self, now: datetime | None = None) -> bool:
        return (
            not self.voided and self.used_at is None and self.expires_at > (now or timezone.now())
        )
