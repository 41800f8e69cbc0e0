"""The zero goals of the Beweging van 0: a national ambition each, measured by an indicator."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ZeroGoal:
    code: str
    title: Promise
    ambition: Promise
    indicator: str  # the code of the indicator that measures it
    also: tuple[str, ...] = ()  # related indicators shown on the O-plaat


ZERO_GOALS: tuple[ZeroGoal, ...] = (
    ZeroGoal(
        "separaties",
        _("0 seclusions"),
        _(
            "No child or young person is secluded or isolated. Care that is safe without "
            "seclusion is possible: others have shown it."
        ),
        "separaties",
        also=("jongeren_gesepareerd",),
    ),
    ZeroGoal(
        "gedwongen_uhp",
        _("0 placements against the will of parents and child"),
        _("No child is placed out of home against the will of their parents and themselves."),
        "uhp_tegen_wil",
        # A court order is not the same thing as the family's will: shown beside it.
        also=("uhp_gedwongen", "uhp_instemming_onbekend"),
    ),
    ZeroGoal(
        "gesloten",
        _("0 closed placements"),
        _("Fewer and fewer closed placements, on the way to none."),
        "gesloten_plaatsingen",
    ),
    ZeroGoal(
        "zonder_analyse",
        _("0 treatments without an explanatory analysis"),
        _("No help starts before we understand, together with the family, what is going on."),
        "zonder_analyse",
        # "Together with the family": whether families feel heard belongs beside it.
        also=("gehoord",),
    ),
    ZeroGoal(
        "overplaatsingen",
        _("0 young people moved from place to place"),
        _("No young person is moved again and again between placements."),
        "drie_overplaatsingen",
    ),
    ZeroGoal(
        "overdrachten",
        _("0 handovers"),
        _("The family is not handed over; expertise is brought in around them instead."),
        "overdrachten",
    ),
    ZeroGoal(
        "wachten",
        _("0 children waiting too long"),
        _("No child waits longer than the norm for the help they need."),
        "wachttijd_boven_norm",
    ),
    ZeroGoal(
        "tijdschrijven",
        _("0 time-keeping"),
        _(
            "Professionals spend their time with families, not on registering: what a form "
            "costs is measured by the application, never written down by hand, and goes down."
        ),
        "registratie_minuten",
    ),
)

# Issue 18: the seeds' other zero goals (kept as a separate entry to merge easily).
ZERO_GOALS += (
    ZeroGoal(
        "suicides",
        _("0 young people who take their own lives"),
        _("No child or young person in care takes their own life."),
        "suicides",
        also=("suicidepogingen", "suicidaliteit"),
    ),
    ZeroGoal(
        "zonder_doel",
        _("0 treatments without a well-formulated goal"),
        _("No help starts before the family's desired result is written down."),
        "zonder_doel",
    ),
    ZeroGoal(
        "laat_autisme",
        _("0 children whose autism is discovered only at 8 or later"),
        _("Autism is recognised early, so no child waits until 8 or later to be understood."),
        "autisme_laat",
    ),
    ZeroGoal(
        "zonder_uitleg",
        _("0 children admitted without knowing why"),
        _("Every child who is placed knows why."),
        "zonder_uitleg",
    ),
    ZeroGoal(
        "isolatie",
        _("0 children in solitary isolation"),
        _("No child is isolated on their own, in a seclusion room or anywhere else."),
        "afzonderingen",
        also=("separaties",),
    ),
)

BY_CODE = {goal.code: goal for goal in ZERO_GOALS}
ZERO_GOAL_CHOICES = [(goal.code, goal.title) for goal in ZERO_GOALS]
