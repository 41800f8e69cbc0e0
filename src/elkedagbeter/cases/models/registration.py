"""What registering costs: how long each form was open until it was saved, and how many inputs
were changed. Nothing typed is recorded, only the time and a count (0 tijdschrijven)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Team

from .case import Case


class FormTiming(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="form_timings"
    )
    form = models.CharField(_("form"), max_length=80)
    seconds = models.PositiveIntegerField(_("seconds open until saved"))
    changed_inputs = models.PositiveSmallIntegerField(_("inputs changed"))
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("form timing")
        verbose_name_plural = _("form timings")
        indexes = [models.Index(fields=["case", "saved_at"])]

    def __str__(self) -> str:
        return f"{self.form} {self.seconds}s"
