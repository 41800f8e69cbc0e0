"""Who is in the household, without names: a role, a birth year or age band, and optionally a
pseudonym that links the same youth across teams (derived from the BSN, which is not kept)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.choices import ChoiceLabels

from .case import Case


class MemberRole(models.TextChoices):
    YOUTH = "jeugdige", _("Youth")
    PARENT = "ouder", _("Parent")
    CARER = "verzorger", _("Carer")
    SIBLING = "broer_zus", _("Brother or sister")
    OTHER = "overig", _("Other household member")


class AgeBand(models.TextChoices):
    TODDLER = "0-3", _("0 to 3 years")
    CHILD = "4-11", _("4 to 11 years")
    TEENAGER = "12-17", _("12 to 17 years")
    YOUNG_ADULT = "18-22", _("18 to 22 years")
    ADULT = "23+", _("23 years or older")


class HouseholdMember(ChoiceLabels, models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="members", verbose_name=_("case")
    )
    role = models.CharField(_("role in the household"), max_length=20, choices=MemberRole.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_(
            "Derived from the citizen service number with the region's key; not reversible."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=False) | ~Q(age_band=""),
                name="member_has_birth_year_or_age_band",
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="member_birth_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        age = str(self.birth_year) if self.birth_year else self.get_age_band_display()
        return f"{self.get_role_display()} ({age})"


class YouthStatement(models.TextChoices):
    """The young person's own answers that the figures read (from the family's youth check)."""

    KNOWS_WHY = "weet_waarom", _("I know why I live where I live now.")
    TRUSTED_PERSON = "vaste_persoon", _("I have one person I trust who stays.")


class YouthAnswer(models.IntegerChoices):
    YES = 3, _("Yes")
    PARTLY = 2, _("Partly")
    NO = 1, _("No")


class YouthView(models.Model):
    """A young person's own answer to a statement on a day, given through their family access.
    Kept here, beside the household, so the indicators can read the youth's own view where it
    exists (docs/family.md, docs/indicators.md)."""

    member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.CASCADE,
        related_name="own_views",
        verbose_name=_("young person"),
    )
    statement = models.CharField(_("statement"), max_length=16, choices=YouthStatement.choices)
    answer = models.PositiveSmallIntegerField(_("answer"), choices=YouthAnswer.choices)
    given_on = models.DateField(_("given on"))

    class Meta:
        ordering = ["member", "statement", "given_on", "id"]
        verbose_name = _("young person's own answer")
        verbose_name_plural = _("young people's own answers")

    def __str__(self) -> str:
        return f"{self.member_id} {self.statement} {self.answer} {self.given_on}"
