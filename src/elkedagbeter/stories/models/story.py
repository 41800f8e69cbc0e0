"""A story (micro-narrative): who told it, where and when, its consents and its moderation.

A story's text is de-identified before it is saved; no field keeps the original words, and no
IP address is stored. A withdrawn story keeps only its row (status, dates) so that rounds and
counts that referred to it stay consistent; its words and answers are deleted.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

from .framework import Framework


class NarratorRole(models.TextChoices):
    PARENT = "ouder", _("Parent")
    YOUTH = "jongere", _("Young person")
    PROFESSIONAL = "professional", _("Professional")
    POLICY = "beleidsmedewerker", _("Policy officer")
    EXECUTIVE = "bestuurder", _("Executive")
    OTHER = "anders", _("Other")


class StoryStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Waiting for moderation")
    APPROVED = "goedgekeurd", _("Approved")
    REJECTED = "afgewezen", _("Rejected")
    WITHDRAWN = "ingetrokken", _("Withdrawn")


class StorySource(models.TextChoices):
    FORM = "formulier", _("Public form")
    IMPORT = "import", _("Import")


def new_reference() -> str:
    return "V-" + secrets.token_hex(4).upper()


class Story(models.Model):
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="stories", verbose_name=_("framework")
    )
    title = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("story"))
    narrator_role = models.CharField(_("told by"), max_length=20, choices=NarratorRole.choices)
    narrator_detail = models.CharField(
        _("teller's role in their words"), max_length=120, blank=True
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("youth region"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("neighbourhood team"),
    )
    happened_on = models.DateField(
        _("when it happened"), null=True, blank=True, help_text=_("First day of the month.")
    )
    month_known = models.BooleanField(_("month known"), default=True)
    consent_publication = models.BooleanField(_("may be published"), default=False)
    consent_learning = models.BooleanField(_("may be used for learning"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.SUBMITTED
    )
    source = models.CharField(
        _("source"), max_length=20, choices=StorySource.choices, default=StorySource.FORM
    )
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True)
    # What the de-identifier replaced: tag, kind and position in the stored text; never the
    # original words.
    replacements = models.JSONField(_("replacements"), default=list, blank=True)
    withdrawal_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The teller's receipt ("volgcode"): a keyed digest only, like the withdrawal code. It is
    # kept when the story is withdrawn, so the teller can still see that it was.
    follow_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    moderation_note = models.TextField(_("reason or note"), blank=True)
    edited_by_moderator = models.BooleanField(_("edited by the moderator"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["status", "region"], name="story_status_region"),
            models.Index(fields=["happened_on"], name="story_happened_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.REJECTED) | ~Q(moderation_note=""),
                name="story_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.APPROVED and self.consent_publication
