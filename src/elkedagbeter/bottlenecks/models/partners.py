"""Who we need for a zero goal ("wie hebben we nodig"), as data: per zero goal and region, what
the region asks of whom, and whether they joined.

The party is a responsible body (the bodies with a mandate), a team or provider location from
the organisation registry, or a role in words when it is neither (e.g. "jeugdrechters").
The request keeps its current state; every answer after the ask (joined, declined, withdrawn)
is an append-only ``PartnerAnswer`` row, so what was answered when and by whom is never lost
when a body changes its mind.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES
from elkedagbeter.organisations.models import Region, Team

from .bodies import ResponsibleBody
from .history import AppendOnlyError


class PartnerStatus(models.TextChoices):
    ASKED = "gevraagd", _("asked")
    JOINED = "aangesloten", _("joined")
    DECLINED = "afgewezen", _("declined")
    WITHDRAWN = "ingetrokken", _("withdrawn")


# The answers a party can give, from each state; a withdrawn request is closed.
ANSWERS: dict[str, frozenset[str]] = {
    PartnerStatus.ASKED: frozenset({PartnerStatus.JOINED, PartnerStatus.DECLINED}),
    PartnerStatus.JOINED: frozenset({PartnerStatus.DECLINED}),
    PartnerStatus.DECLINED: frozenset({PartnerStatus.JOINED}),
    PartnerStatus.WITHDRAWN: frozenset(),
}


class PartnerRequest(models.Model):
    """What a region asks of one party for one zero goal."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="partner_requests",
        verbose_name=_("youth region"),
    )
    zero_goal = models.CharField(_("zero goal"), max_length=40, choices=ZERO_GOAL_CHOICES)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests",
        verbose_name=_("responsible body"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests",
        verbose_name=_("team or provider location"),
    )
    role_name = models.CharField(
        _("role"),
        max_length=160,
        blank=True,
        help_text=_("When the party is neither a body nor a team, e.g. 'jeugdrechters'."),
    )
    ask = models.TextField(_("what is asked"), max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_requests_asked",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.ASKED
    )

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("request to a partner")
        verbose_name_plural = _("requests to partners")
        indexes = [models.Index(fields=["region", "zero_goal"], name="partner_region_goal")]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False, team__isnull=True, role_name="")
                | Q(body__isnull=True, team__isnull=False, role_name="")
                | (Q(body__isnull=True, team__isnull=True) & ~Q(role_name="")),
                name="partner_is_one_kind_of_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.get_zero_goal_display()}"

    @property
    def party(self) -> str:
        if self.body_id is not None:
            return str(self.body)
        if self.team_id is not None:
            return str(self.team)
        return self.role_name

    @property
    def is_open(self) -> bool:
        return self.status != PartnerStatus.WITHDRAWN

    def latest_answer(self) -> PartnerAnswer | None:
        """The newest answer (from prefetched answers when there are any)."""
        answers = list(self.answers.all())
        return answers[-1] if answers else None


class PartnerAnswerQuerySet(models.QuerySet["PartnerAnswer"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Answers are append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Answers are append-only.")


class PartnerAnswer(models.Model):
    """One answer to a request: joined, declined (with a reason) or withdrawn by the region.
    Never changed or removed."""

    request = models.ForeignKey(
        PartnerRequest,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("request"),
    )
    status = models.CharField(_("answer"), max_length=20, choices=PartnerStatus.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_answers",
        verbose_name=_("by"),
    )
    acted_for = models.CharField(
        _("on behalf of"),
        max_length=160,
        blank=True,
        help_text=_("The body, team or region the person answered for."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    objects = PartnerAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("answer of a partner")
        verbose_name_plural = _("answers of partners")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Answers cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Answers cannot be removed.")
