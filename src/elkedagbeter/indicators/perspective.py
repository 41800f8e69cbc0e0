"""The ten statements of the support agenda from the child's perspective (OZJ, "Elke dag beter.
Moeten, kunnen, willen, durven"), defined once so every learning app can link to them.

``dutch`` is the wording the seed documents give and storytellers read in the signification
framework (data, the same in every interface language); ``label`` is the interface text, in
English with a Dutch translation. Links store the ``code``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Statement:
    code: str
    dutch: str
    label: Promise


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "zie_mij",
        "Zie mij als ik klem zit en help mij",
        _("See me when I am stuck and help me"),
    ),
    Statement(
        "goede_plek",
        "Zorg dat ik in één keer op de goede plek kom als het niet goed met me gaat",
        _("Make sure I get to the right place at once when I am not doing well"),
    ),
    Statement(
        "hulp_die_werkt",
        "Zorg voor hulp die wérkt en bij mij past",
        _("Make sure I get help that works and suits me"),
    ),
    Statement(
        "dichtbij",
        "Zorg voor iemand die altijd dicht bij mij staat, iemand die ik vertrouw",
        _("Make sure there is always someone close to me, someone I trust"),
    ),
    Statement(
        "niet_wachten",
        "Laat me niet onnodig wachten en zorg dat ik tussentijds geholpen word",
        _("Do not make me wait needlessly and make sure I am helped in the meantime"),
    ),
    Statement("thuis", "Ik wil gewoon een thuis", _("I just want a home")),
    Statement(
        "geen_instelling",
        "Laat me niet opgroeien in een instelling als dit niet goed voor mij is",
        _("Do not let me grow up in an institution if that is not good for me"),
    ),
    Statement(
        "nooit_opsluiten",
        "Sluit me nooit op, zoek een andere weg om met mij om te gaan",
        _("Never lock me up, find another way to deal with me"),
    ),
    Statement(
        "eigen_benen",
        "Help me op eigen benen te staan zodat ik zelfstandig verder kan gaan",
        _("Help me stand on my own feet so I can go on independently"),
    ),
    Statement(
        "ingewikkeld",
        "Help me ook als mijn situatie ingewikkeld is en leer ervan voor andere kinderen",
        _("Help me also when my situation is complicated, and learn from it for other children"),
    ),
)

BY_CODE: dict[str, Statement] = {statement.code: statement for statement in STATEMENTS}
STATEMENT_CHOICES: list[tuple[str, Promise]] = [(s.code, s.label) for s in STATEMENTS]
DUTCH_WORDING: list[str] = [statement.dutch for statement in STATEMENTS]
