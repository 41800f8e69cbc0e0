"""The organisation hierarchy Land → Jeugdregio → Gemeente → Team, and who works where in which
role.

There is one country, so "Land" is the root implied by a membership without a region.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Youth-care professional")
    COORDINATOR = "coordinator", _("Team coordinator")
    EXPERT = "expert", _("Regional expert team")
    ANALYST = "analyst", _("Policy analyst")
    VIEWER = "viewer", _("Executive")
    ADMIN = "admin", _("Functional administrator")


# Roles that work inside a team and therefore need one.
TEAM_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT})
# Roles that may see case data, and therefore must pass a second factor.
CASE_DATA_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ADMIN})


class Region(models.Model):
    """A jeugdregio: one of the 42 regions in which municipalities organise youth care together."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("youth region")
        verbose_name_plural = _("youth regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente; responsible for youth care for its residents."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("youth region"),
    )
    name = models.CharField(_("name"), max_length=120)
    cbs_code = models.CharField(
        _("CBS municipality code"), max_length=6, unique=True, help_text=_("For example GM0363.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class TeamType(models.TextChoices):
    NEIGHBOURHOOD = "wijkteam", _("Neighbourhood team")
    EXPERT = "expertteam", _("Expert team")
    PROVIDER = "aanbieder", _("Provider (location)")


class Team(models.Model):
    """A wijkteam, regional expertteam or provider location.

    Regional teams (an expertteam) have no municipality; ``region`` is always set so that every
    roll-up to a region is one filter.
    """

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="teams", verbose_name=_("youth region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=120)
    team_type = models.CharField(_("team type"), max_length=20, choices=TeamType.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="team_name_unique_in_region"),
            models.CheckConstraint(
                condition=Q(team_type=TeamType.EXPERT) | Q(municipality__isnull=False),
                name="team_local_needs_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role at one place in the hierarchy.

    Team roles (professional, coordinator, expert) belong to a team. Analysts, viewers and
    admins belong to a municipality, a region or, with neither set, the whole country.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("youth region"),
    )
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(TEAM_ROLES), team__isnull=False)
                    & Q(municipality__isnull=True, region__isnull=True)
                )
                | (
                    ~Q(role__in=sorted(TEAM_ROLES))
                    & Q(team__isnull=True)
                    & ~Q(municipality__isnull=False, region__isnull=False)
                ),
                name="membership_scope_fits_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.team_id:
            return str(self.team)
        if self.municipality_id:
            return str(self.municipality)
        if self.region_id:
            return str(self.region)
        return str(_("National"))


# Roles that reach case data or decide who does: granting one needs a second person's approval.
APPROVAL_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ADMIN})


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MembershipRequest(models.Model):
    """A request to give someone a role that reaches case data (or the admin role).

    It takes effect only when a second, different person with the right to approve accepts it:
    a coordinator of the team or another functioneel beheerder (see ``actions.may_decide``).
    The request stays as the record of who asked, who approved and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("team")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("youth region")
    )
    reason = models.TextField(_("reason"), max_length=1000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note with the decision"), max_length=1000, blank=True)
    membership = models.OneToOneField(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant",
        verbose_name=_("membership"),
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(TEAM_ROLES), team__isnull=False)
                    & Q(municipality__isnull=True, region__isnull=True)
                )
                | (
                    ~Q(role__in=sorted(TEAM_ROLES))
                    & Q(team__isnull=True)
                    & ~Q(municipality__isnull=False, region__isnull=False)
                ),
                name="membership_request_scope_fits_role",
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("requested_by")),
                name="membership_request_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        for place in (self.team, self.municipality, self.region):
            if place is not None:
                return str(place)
        return str(_("National"))

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING
