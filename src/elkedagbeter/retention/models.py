"""The record of every retention purge run, dry run or not. The purge never removes these: they
hold counts and cut-off moments, nothing about a case or a person other than the operator."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PurgeRun(models.Model):
    ran_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    operator = models.CharField(_("operator"), max_length=150)
    applied = models.BooleanField(_("applied"), default=False)
    # {kind: {"days": int, "cutoff": iso, "count": int, "held_back": int}}, per kind in the run.
    report = models.JSONField(_("counts per kind"), default=dict)

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("purge run")
        verbose_name_plural = _("purge runs")

    def __str__(self) -> str:
        mode = "apply" if self.applied else "dry run"
        return f"{self.ran_at:%Y-%m-%d %H:%M} {mode} by {self.operator}"
