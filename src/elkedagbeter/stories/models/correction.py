"""A moderator's manual replacement: what the de-identifier missed, counted per kind so that
we know what to improve next. The replaced words themselves are never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region

from .story import Story


class ManualReplacement(models.Model):
    story = models.ForeignKey(
        Story,
        on_delete=models.SET_NULL,
        null=True,
        related_name="manual_replacements",
        verbose_name=_("story"),
    )
    # The story's area, kept here so that the count survives the story and is scoped the same way.
    region = models.ForeignKey(Region, on_delete=models.SET_NULL, null=True, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20)
    occurrences = models.PositiveIntegerField(_("occurrences"), default=1)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("manual replacement")
        verbose_name_plural = _("manual replacements")

    def __str__(self) -> str:
        return f"{self.kind}: {self.occurrences}"
