"""A region's tariffs, and the result-oriented arrangement (light, medium, heavy) a trajectory
was placed in. What the help costs is computed from these and the case record (costs.figures)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TariffKey(models.TextChoices):
    """What a tariff is for: a CBS hulpvorm met verblijf (a price per day of a placement) or a
    result-oriented arrangement (one price per trajectory, "licht, midden en zwaar")."""

    FOSTER_CARE = "11", _("11 Foster care (pleegzorg)")
    FAMILY_HOME = "12", _("12 Family-style home (gezinshuis)")
    CLOSED = "13", _("13 Closed placement (gesloten plaatsing)")
    OTHER = "14", _("14 Other residential care")
    LIGHT = "licht", _("Arrangement light")
    MEDIUM = "midden", _("Arrangement medium")
    HEAVY = "zwaar", _("Arrangement heavy")


class TariffUnit(models.TextChoices):
    PER_DAY = "dag", _("per day")
    PER_TRAJECTORY = "traject", _("per trajectory")


ARRANGEMENTS = (TariffKey.LIGHT, TariffKey.MEDIUM, TariffKey.HEAVY)


def unit_of(key: str) -> TariffUnit:
    """A placement is paid per day, an arrangement per trajectory."""
    return TariffUnit.PER_TRAJECTORY if key in ARRANGEMENTS else TariffUnit.PER_DAY


class Tariff(models.Model):
    region = models.ForeignKey(
        "organisations.Region",
        on_delete=models.CASCADE,
        related_name="tariffs",
        verbose_name=_("youth region"),
    )
    key = models.CharField(_("hulpvorm or arrangement"), max_length=8, choices=TariffKey.choices)
    amount_cents = models.PositiveIntegerField(_("amount in euro cents"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["region", "key", "valid_from"]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="tariff_valid_to_not_before_from",
            ),
            models.UniqueConstraint(
                fields=["region", "key", "valid_from"], name="tariff_one_start_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: € {self.amount_cents / 100:.2f} {self.unit.label}"

    def clean(self) -> None:
        """Two tariffs of a region and kind are never valid on the same day."""
        if self.region_id is None or not self.key or self.valid_from is None:
            return
        overlapping = (
            Tariff.objects.filter(region_id=self.region_id, key=self.key)
            .exclude(pk=self.pk)
            .filter(valid_from__lte=self.valid_to or date.max)
            .exclude(valid_to__lt=self.valid_from)
        )
        if overlapping.exists():
            raise ValidationError(
                _("Another tariff for this hulpvorm or arrangement is valid in the same period.")
            )

    @property
    def unit(self) -> TariffUnit:
        return unit_of(self.key)

    @property
    def amount_euro(self) -> str:
        """Dutch notation: 1.234,56."""
        euros, cents = divmod(self.amount_cents, 100)
        return f"{euros:,}".replace(",", ".") + f",{cents:02d}"


class Arrangement(models.Model):
    """The arrangement a trajectory (a case) was placed in, from the day it was agreed."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="arrangement",
        verbose_name=_("case"),
    )
    level = models.CharField(
        _("arrangement"),
        max_length=8,
        choices=[(k.value, k.label) for k in ARRANGEMENTS],
    )
    agreed_on = models.DateField(_("agreed on"))

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangements")

    def __str__(self) -> str:
        return self.get_level_display()
