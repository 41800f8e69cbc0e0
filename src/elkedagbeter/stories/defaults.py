"""The national signification framework, in the words of the seed documents.

Framework wording is data (Dutch, as the tellers read it), not interface text: a region copies
and changes it in the admin without code changes. ``DEFAULT_FRAMEWORK`` is what ``load_demo``
and the first migration-free set-up install as version 1 of "landelijk".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from elkedagbeter.indicators.perspective import DUTCH_WORDING

# The ten statements of the support agenda from the child's perspective, defined once in
# indicators so the learning apps can link to them; the framework shows their Dutch wording.
STATEMENTS = list(DUTCH_WORDING)

# The Enschede reframing frame ("omdenkkader"): less of the left, more of the right.
DYADS = [
    ("overheid-samenleving", "Overheid", "Samenleving"),
    ("speciaal-normaal", "Speciaal", "Normaal"),
    ("probleem-persoon", "Probleem", "Persoon"),
    ("ontvangen-wederkerigheid", "Ontvangen", "Wederkerigheid"),
    ("vangnet-springplank", "Vangnet", "Springplank"),
    ("individu-allemaal", "Individu", "Allemaal"),
    ("beperking-talent", "Beperking", "Talent"),
    ("systeemwereld-leefwereld", "Systeemwereld", "Leefwereld"),
]

MKWD = ["Moeten", "Kunnen", "Willen", "Durven"]

# Balanced triads: every corner is a respectable answer, so tellers cannot drift to a "good" pole.
TRIADS = [
    (
        "oplossing",
        "In dit verhaal kwam de oplossing vooral van:",
        ("het gezin zelf", "het netwerk en de wijk", "professionals en instanties"),
    ),
    (
        "verschil",
        "Wat maakte hier het verschil?",
        ("tijd en geduld", "ruimte om af te wijken van de regels", "goede samenwerking"),
    ),
    (
        "regie",
        "Wie had hier vooral de regie?",
        ("de jongere", "de ouders", "de hulpverlener"),
    ),
]


@dataclass(frozen=True)
class SignifierSpec:
    code: str
    kind: str
    prompt: str
    labels: list[str]
    allow_na: bool = True
    required: bool = False
    help_text: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def default_signifiers() -> list[SignifierSpec]:
    specs = [
        SignifierSpec(
            "uitspraken",
            "multiple_choice",
            "Over welke van deze wensen van kinderen gaat uw verhaal?",
            STATEMENTS,
            help_text="Kies er zoveel als u wilt.",
            extra={"multiple": True},
        ),
    ]
    specs += [
        SignifierSpec(
            code,
            "triad",
            prompt,
            list(corners),
            help_text="Verdeel 100 punten over de drie hoeken. Samen precies 100.",
        )
        for code, prompt, corners in TRIADS
    ]
    specs += [
        SignifierSpec(
            code,
            "dyad",
            f"Waar staat uw verhaal tussen {left} en {right}?",
            [left, right],
            help_text=f"0 is helemaal {left}, 100 is helemaal {right}.",
        )
        for code, left, right in DYADS
    ]
    specs += [
        SignifierSpec(
            "mkwd",
            "multiple_choice",
            "Waar gaat het in uw verhaal vooral om?",
            MKWD,
            help_text="Moeten, kunnen, willen of durven. Kies er zoveel als u wilt.",
            extra={"multiple": True},
        ),
        SignifierSpec(
            "anders",
            "free_text",
            "Wat zou er nodig zijn om dit vaker (of juist minder vaak) te laten gebeuren?",
            [],
        ),
    ]
    return specs
