"""The conversation on a bottleneck: comments, and "wij ook" from teams that meet it too."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Team

from .bottleneck import Bottleneck


class Comment(models.Model):
    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, related_name="comments", verbose_name=_("bottleneck")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="bottleneck_comments",
        verbose_name=_("author"),
    )
    acted_for = models.CharField(_("on behalf of"), max_length=160, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.bottleneck_id}: {self.text[:40]}"


class Endorsement(models.Model):
    """ "Wij ook": another team meets the same bottleneck. One per user."""

    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.CASCADE,
        related_name="endorsements",
        verbose_name=_("bottleneck"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bottleneck_endorsements",
        verbose_name=_("user"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottleneck_endorsements",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("'we too'")
        verbose_name_plural = _("'we too'")
        constraints = [
            models.UniqueConstraint(fields=["bottleneck", "user"], name="one_we_too_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.bottleneck_id}: {self.user_id}"
