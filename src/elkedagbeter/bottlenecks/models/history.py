"""Each bottleneck's append-only status history, and the overdue notices sent on its deadlines."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bodies import ResponsibleBody
from .bottleneck import Bottleneck
from .categories import Level
from .states import Status


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove a status change."""


class StatusChangeQuerySet(models.QuerySet["StatusChange"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Status history is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Status history is append-only.")


class StatusChange(models.Model):
    """One move of the state machine: who, when, why, where the bottleneck then sits and by when
    that body must respond. Never changed or removed."""

    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, related_name="history", verbose_name=_("bottleneck")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("responsible body"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    text = models.TextField(_("explanation"), blank=True)
    routing_note = models.CharField(_("routing"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="bottleneck_status_changes",
        verbose_name=_("by"),
    )
    acted_for = models.CharField(
        _("on behalf of"),
        max_length=160,
        blank=True,
        help_text=_("The body or team the person acted for."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    due_on = models.DateField(_("respond by"), null=True, blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.bottleneck_id}: {self.from_status or '-'} → {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Status changes cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Status changes cannot be removed.")


class OverdueNotice(models.Model):
    """An overdue e-mail sent for one status change's deadline; at most one each."""

    status_change = models.OneToOneField(
        StatusChange,
        on_delete=models.CASCADE,
        related_name="overdue_notice",
        verbose_name=_("status change"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("recipients"))

    class Meta:
        verbose_name = _("overdue notice")
        verbose_name_plural = _("overdue notices")

    def __str__(self) -> str:
        return f"{self.status_change_id} {self.sent_at:%Y-%m-%d}"
