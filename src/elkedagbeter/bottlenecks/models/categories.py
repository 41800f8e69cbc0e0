"""What a bottleneck is about, and the levels (team to national) where one is usually solved."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
