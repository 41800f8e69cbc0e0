"""The family's own access to their household's case: invitations, the link between an account
and a household member, and what the family gives (their own scores, their verdict on the plan,
the short check for young people)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.choices import ChoiceLabels


class FamilyKind(models.TextChoices):
    PARENT = "ouder", _("Parent")
    YOUTH = "jongere", _("Young person")


class Invitation(models.Model):
    """A one-time code a professional hands over in person. Only a digest of the code is kept;
    it can be used once, until it expires, unless it was withdrawn."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="family_invitations"
    )
    member = models.ForeignKey(
        "cases.HouseholdMember", on_delete=models.CASCADE, related_name="family_invitations"
    )
    kind = models.CharField(_("invited as"), max_length=8, choices=FamilyKind.choices)
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("family invitation")
        verbose_name_plural = _("family invitations")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d}"

    def is_usable(self, now: datetime | None = None) -> bool:
        return (
            self.withdrawn_at is None
            and self.used_at is None
            and self.expires_at > (now or timezone.now())
        )


class FamilyAccess(ChoiceLabels, models.Model):
    """A parent's or young person's own account on their household's case (not a membership:
    a family member works in no team and sees only this case)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_accesses"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="family_accesses")
    member = models.ForeignKey(
        "cases.HouseholdMember", on_delete=models.CASCADE, related_name="family_accesses"
    )
    kind = models.CharField(_("as"), max_length=8, choices=FamilyKind.choices)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="access"
    )
    shares_with_parents = models.BooleanField(
        _("shares their own part with the parents"),
        default=False,
        help_text=_("Only counts from 16: the young person decides."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("family access")
        verbose_name_plural = _("family accesses")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "case"],
                condition=Q(ended_at__isnull=True),
                name="one_running_family_access_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class TeamContact(models.Model):
    """How the family reaches the team: the name the team chooses to show, a role, a way."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="family_contact"
    )
    display_name = models.CharField(
        _("name shown to the family"),
        max_length=80,
        help_text=_("The name the team chooses to show, for example a first name."),
    )
    role = models.CharField(_("role"), max_length=120, help_text=_("For example: casusregisseur."))
    reach = models.CharField(
        _("how to reach"), max_length=200, blank=True, help_text=_("A team phone number or hours.")
    )

    class Meta:
        verbose_name = _("contact for the family")
        verbose_name_plural = _("contacts for the family")

    def __str__(self) -> str:
        return self.display_name


class FamilyAnswer(models.Model):
    """One family member's answers at a monitoring moment: their own safety and whether they
    feel heard; their score per desired result is in ``FamilyGoalScore``."""

    access = models.ForeignKey(FamilyAccess, on_delete=models.CASCADE, related_name="answers")
    moment = models.ForeignKey(
        "monitoring.MonitoringMoment", on_delete=models.CASCADE, related_name="family_answers"
    )
    safety = models.PositiveSmallIntegerField(_("how safe it feels (1 to 10)"))
    heard = models.PositiveSmallIntegerField(_("do you feel heard? (1 to 5)"))
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["access", "moment"], name="one_family_answer_per_moment"
            ),
            models.CheckConstraint(
                condition=Q(safety__gte=1, safety__lte=10), name="family_safety_in_range"
            ),
            models.CheckConstraint(
                condition=Q(heard__gte=1, heard__lte=5), name="family_heard_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.access} {self.moment_id}"


class FamilyGoalScore(models.Model):
    answer = models.ForeignKey(FamilyAnswer, on_delete=models.CASCADE, related_name="scores")
    goal = models.ForeignKey("cases.Goal", on_delete=models.CASCADE, related_name="+")
    score = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "goal"], name="one_family_score_per_goal"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score}"


class PlanVerdict(models.Model):
    """Agree or not with one version of the plan, with a reason."""

    access = models.ForeignKey(FamilyAccess, on_delete=models.CASCADE, related_name="verdicts")
    plan_version = models.ForeignKey(
        "cases.PlanVersion", on_delete=models.CASCADE, related_name="family_verdicts"
    )
    agrees = models.BooleanField(_("agrees with the plan"))
    reason = models.TextField(_("why"), blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["access", "plan_version"], name="one_verdict_per_plan_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_version_id}: {self.agrees}"


class YouthCheck(models.Model):
    """The short check for young people on the ten child-perspective statements: per statement
    code, 1 (no), 2 (partly) or 3 (yes)."""

    access = models.ForeignKey(FamilyAccess, on_delete=models.CASCADE, related_name="checks")
    answers = models.JSONField(default=dict)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        return f"{self.access} {self.given_at:%Y-%m-%d}"
