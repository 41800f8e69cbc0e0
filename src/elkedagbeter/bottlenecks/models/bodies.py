"""The bodies with the mandate to solve bottlenecks ("wie is ervan?"), and who acts for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

from .categories import Level


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
