"""Knelpunten: systemic bottlenecks, the bodies with the mandate to solve them ("wie is ervan?"),
the rules that route one to the other, and each bottleneck's append-only status history.

The state machine is a transition table (``TRANSITIONS``) with a guarded change in
``actions.transition`` (after django-oscar's order pipeline). ``Bottleneck.status``, ``body``,
``level`` and ``due_on`` repeat what the newest ``StatusChange`` says, so the board can filter on
them; only ``actions`` writes either, in one transaction.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import AgeBand, Case
from elkedagbeter.organisations.models import Municipality, Region, Team


class Category(models.TextChoices):
    FINANCING = "financiering", _("Financing / woonplaatsbeginsel")
    WAITING = "wachttijd", _("Waiting time")
    NO_SUITABLE_CARE = "geen_aanbod", _("No suitable care")
    RULES = "regels", _("Rules and procedures")
    TRANSITION_18 = "overgang_18", _("Transition 18-/18+")
    COOPERATION = "samenwerking", _("Cooperation")
    PRIVACY = "privacy", _("Privacy and data sharing")
    WORKFORCE = "personeel", _("Workforce")


class Level(models.TextChoices):
    """Where a bottleneck can be solved, from close by to national."""

    TEAM = "team", _("Team")
    MUNICIPALITY = "gemeente", _("Municipality")
    REGION = "jeugdregio", _("Youth region")
    NATIONAL = "landelijk", _("National")


LEVEL_ORDER = [Level.TEAM, Level.MUNICIPALITY, Level.REGION, Level.NATIONAL]


def next_level(level: str) -> Level | None:
    index = LEVEL_ORDER.index(Level(level))
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


# Where a bottleneck of a category is usually solved, when the reporter does not say.
DEFAULT_LEVEL = {
    Category.FINANCING: Level.MUNICIPALITY,
    Category.WAITING: Level.REGION,
    Category.NO_SUITABLE_CARE: Level.REGION,
    Category.RULES: Level.MUNICIPALITY,
    Category.TRANSITION_18: Level.MUNICIPALITY,
    Category.COOPERATION: Level.TEAM,
    Category.PRIVACY: Level.MUNICIPALITY,
    Category.WORKFORCE: Level.REGION,
}


class Status(models.TextChoices):
    REPORTED = "gemeld", _("Reported")
    IN_PROGRESS = "in_behandeling", _("In progress")
    SOLVED = "opgelost", _("Solved")
    NOT_SOLVABLE = "niet_oplosbaar", _("Cannot be solved")
    ESCALATED = "doorgezet", _("Escalated")
    REOPENED = "heropend", _("Reopened")


# The state machine: from each status, the statuses it may move to. "Escalated" sits with the
# body at the next level, waiting for it to respond, like "reported" does at the first.
_DECISIONS = frozenset({Status.SOLVED, Status.NOT_SOLVABLE, Status.ESCALATED})
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REPORTED: _DECISIONS | {Status.IN_PROGRESS},
    Status.IN_PROGRESS: _DECISIONS,
    Status.ESCALATED: _DECISIONS | {Status.IN_PROGRESS},
    Status.REOPENED: _DECISIONS | {Status.IN_PROGRESS},
    Status.SOLVED: frozenset({Status.REOPENED}),
    Status.NOT_SOLVABLE: frozenset({Status.REOPENED}),
}
# Moves that need a text: what was done, why not, why escalate, why reopen.
TEXT_REQUIRED = frozenset({Status.SOLVED, Status.NOT_SOLVABLE, Status.ESCALATED, Status.REOPENED})
# The body has the ball and owes a first response.
AWAITING_RESPONSE = frozenset({Status.REPORTED, Status.ESCALATED, Status.REOPENED})
CLOSED = frozenset({Status.SOLVED, Status.NOT_SOLVABLE})
OPEN = frozenset(Status) - CLOSED


class DayKind(models.TextChoices):
    WORKING = "werkdagen", _("working days")
    CALENDAR = "kalenderdagen", _("calendar days")


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove a status change."""


class ResponsibleBody(models.Model):
    """A body with the mandate to solve bottlenecks at one level: a team, a municipality, a youth
    region or a national body. Users act for it when they are among its ``handlers``."""

    name = models.CharField(_("name"), max_length=160)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_bodies",
        verbose_name=_("youth region"),
        help_text=_("Empty only for a national body."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_bodies",
        verbose_name=_("municipality"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_bodies",
        verbose_name=_("team"),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_bodies",
        verbose_name=_("handlers"),
        help_text=_("The users who respond, work on and answer bottlenecks for this body."),
    )
    is_region_coordinator = models.BooleanField(
        _("region's bottleneck coordinator"),
        default=False,
        help_text=_("Receives the region's bottlenecks that no routing rule matches."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(level=Level.NATIONAL, region__isnull=True)
                | (~Q(level=Level.NATIONAL) & Q(region__isnull=False)),
                name="body_region_fits_level",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.MUNICIPALITY) | Q(municipality__isnull=True),
                name="body_municipality_only_at_municipal_level",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.TEAM) | Q(team__isnull=True),
                name="body_team_only_at_team_level",
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(is_region_coordinator=True),
                name="one_bottleneck_coordinator_per_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Category, level and region (and optionally municipality) → responsible body. Rules are
    tried by position; the first active rule that matches wins. An empty criterion matches
    everything."""

    position = models.PositiveIntegerField(_("position"), default=100)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("youth region"),
        help_text=_("Empty: every region (national rules)."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("municipality"),
        help_text=_("Empty: every municipality. Route municipal bottlenecks to their own town."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        related_name="routing_rules",
        verbose_name=_("responsible body"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        parts = [
            str(self.municipality or self.region or _("every region")),
            self.get_category_display() or str(_("every category")),
            self.get_level_display() or str(_("every level")),
        ]
        return f"{self.position}. {' · '.join(parts)} → {self.body}"


class ResponseNorm(models.Model):
    """How soon a body responds to a bottleneck of a category in a region, and (optionally) how
    soon it answers once it is working on one."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="response_norms",
        verbose_name=_("youth region"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    response_days = models.PositiveSmallIntegerField(_("days to a first response"), default=10)
    answer_days = models.PositiveSmallIntegerField(
        _("days to an answer"),
        null=True,
        blank=True,
        help_text=_("After the body has taken it up; empty for no answer deadline."),
    )
    day_kind = models.CharField(
        _("counted in"), max_length=20, choices=DayKind.choices, default=DayKind.WORKING
    )

    class Meta:
        ordering = ["region", "category"]
        verbose_name = _("response norm")
        verbose_name_plural = _("response norms")
        constraints = [
            models.UniqueConstraint(fields=["region", "category"], name="one_norm_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_category_display()}"


class Bottleneck(models.Model):
    """A systemic barrier, raised from a case or on its own. It never carries case content: the
    text is de-identified on save, and the context is only category, municipality and age band."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="bottlenecks", verbose_name=_("youth region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("municipality"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("in one sentence"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    # Who raised it: the team is shown, the person only to those who handle it.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="raised_bottlenecks",
        verbose_name=_("raised by"),
    )
    raised_by_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raised_bottlenecks",
        verbose_name=_("raised by team"),
    )
    # The case it came from, if any: only the case's own team ever sees this link.
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("case"),
    )
    routed_by = models.ForeignKey(
        RoutingRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("routing rule"),
    )
    routing_note = models.CharField(_("routing"), max_length=300, blank=True)
    # Repeated from the newest status change (see the module's docstring).
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.PROTECT,
        related_name="bottlenecks",
        verbose_name=_("responsible body"),
    )
    due_on = models.DateField(_("respond by"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    # Published on the region's public page ("what we have achieved").
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    created_at = models.DateTimeField(_("raised on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        indexes = [models.Index(fields=["region", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=Status.SOLVED),
                name="bottleneck_only_solved_published",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"KP-{self.pk:05d}" if self.pk else "KP-?"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today


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
