"""The default checklist, drawn from the seed study of 32 residential dossiers: was there an
explanatory analysis, a treatment goal, a known reason for admission, therapies that fit the
guidelines and are proven effective, a family actively involved, how many placements and
transfers, and was aftercare arranged. Codes are stable so rounds can be compared on them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ItemKind


@dataclass(frozen=True)
class DefaultItem:
    code: str
    question: str | Promise
    help_text: str | Promise
    kind: ItemKind
    part_of: str = ""


DEFAULT_CHECKLIST = [
    DefaultItem(
        "verklarende_analyse",
        _("Explanatory analysis present"),
        _("A verklarende analyse or holistic theory that gives the interventions a direction."),
        ItemKind.YES_NO,
    ),
    DefaultItem(
        "behandeldoel",
        _("Treatment goal formulated"),
        _("A goal for the help that was written down before it started."),
        ItemKind.YES_NO,
    ),
    DefaultItem(
        "reden_opname",
        _("Reason for admission known"),
        _("Why the youth was placed can be read in the dossier."),
        ItemKind.YES_NO,
    ),
    DefaultItem(
        "therapievormen",
        _("Number of therapies given"),
        _("Count every form of therapy, also when several ran at the same time."),
        ItemKind.NUMBER,
    ),
    DefaultItem(
        "therapievormen_passend",
        _("Of which matched to the guideline and proven effective"),
        _("Fits the described problems according to the guideline, with proven effectiveness."),
        ItemKind.NUMBER,
        part_of="therapievormen",
    ),
    DefaultItem(
        "gezin_betrokken",
        _("Family actively involved"),
        _("Parents or carers took part in the treatment, not only informed."),
        ItemKind.YES_NO,
    ),
    DefaultItem(
        "plaatsingen",
        _("Number of placements"),
        _("Out-of-home placements in the dossier, the current one included."),
        ItemKind.NUMBER,
    ),
    DefaultItem(
        "overplaatsingen",
        _("Number of transfers between placements"),
        "",
        ItemKind.NUMBER,
    ),
    DefaultItem(
        "nazorg",
        _("Aftercare arranged"),
        _("What happens after the help ends or the youth leaves is arranged."),
        ItemKind.YES_NO,
    ),
]
