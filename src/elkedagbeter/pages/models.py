"""What the site around the apps keeps of its own: when a user last read the feedback on their
signals, and whether they want an e-mail when one changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalSeen(models.Model):
    """One row per user, made when they first open "Wat is er met mijn signaal gebeurd?".

    Everything changed by someone else after ``last_seen_at`` counts as unread in the header."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signal_seen",
        verbose_name=_("user"),
    )
    last_seen_at = models.DateTimeField(_("last read"), null=True, blank=True)
    mail_on_change = models.BooleanField(
        _("e-mail me when one of my signals changes"), default=False
    )

    class Meta:
        verbose_name = _("signals read")
        verbose_name_plural = _("signals read")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_seen_at}"
