"""Patterns curated across stories, with their exemplary stories and tips per audience."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region

from .story import Story


class PatternStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    PUBLISHED = "gepubliceerd", _("Published")
    ARCHIVED = "gearchiveerd", _("Archived")


class Pattern(models.Model):
    """A curated theme across stories: description, exemplary stories, tips per audience, and
    the action question "what do we do for more stories like these, and fewer like those?"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="story_patterns",
        verbose_name=_("youth region"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PatternStatus.choices, default=PatternStatus.DRAFT
    )
    more_like_this = models.TextField(_("what we do to get more stories like these"), blank=True)
    fewer_like_that = models.TextField(_("what we do to get fewer stories like those"), blank=True)
    stories: models.ManyToManyField[Story, PatternStory] = models.ManyToManyField(
        Story, through="PatternStory", related_name="patterns", verbose_name=_("stories")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pattern")
        verbose_name_plural = _("patterns")

    def __str__(self) -> str:
        return self.name


class PatternStory(models.Model):
    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="memberships")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pattern_memberships")
    exemplary = models.BooleanField(_("exemplary"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pattern", "story"], name="pattern_story_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}/{self.story_id}"


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("Professionals")
    COORDINATORS = "coordinatoren", _("Coordinators")
    PARTNERS = "ketenpartners", _("Partners in the chain")
    MUNICIPALITIES = "gemeenten", _("Municipalities")


class Tip(models.Model):
    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="tips")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    text = models.TextField(_("tip"))

    class Meta:
        ordering = ["pattern", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "audience"], name="tip_once_per_audience"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}/{self.audience}"
