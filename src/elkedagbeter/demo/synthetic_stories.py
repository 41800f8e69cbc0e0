"""Invented stories with planted themes, for the demo, the theme-finding tests and the benchmarks.

Each theme has its own sentence templates and word variants (Dutch compounds and inflections:
"wachtlijst", "wachttijd", "gewacht"), but most of a story is shared filler about the teller,
the family and feelings, and a story often wanders into another theme for a sentence or two. The
signification leans towards a theme's typical answers with plenty of noise, as real tellers do.
Nothing here is a real person; place names never appear.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from elkedagbeter.stories.defaults import DYADS, STATEMENTS, TRIADS


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    sentences: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    statements: tuple[int, ...]  # indexes into STATEMENTS the teller tends to pick
    triad_lean: tuple[tuple[float, float, float], ...]  # Dirichlet weights per triad
    dyad_lean: tuple[float, ...]  # mean position 0..1 per dyad


THEMES = [
    Theme(
        code="wachten",
        name="Wachten op hulp",
        sentences=(
            "We stonden {tijd} op de {lijst} voor {hulp}.",
            "Niemand belde ons terug terwijl we {wachtwoord}.",
            "Na {tijd} {wachtwoord} kregen we eindelijk een intake.",
            "Tijdens het {wachtwoord} ging het thuis steeds slechter.",
            "De {lijst} was zo lang dat we {tijd} niets hoorden.",
            "Er was geen overbruggingszorg in de tijd dat we {wachtwoord}.",
        ),
        words={
            "tijd": (
                "maanden",
                "een half jaar",
                "ruim een jaar",
                "weken en weken",
                "negen maanden",
            ),
            "lijst": ("wachtlijst", "wachtrij", "wachtlijsten", "wachttijd", "wachtperiode"),
            "wachtwoord": ("wachtten", "moesten wachten", "bleven wachten", "gewacht hadden"),
            "hulp": ("specialistische hulp", "een behandeling", "de ggz", "jeugdhulp"),
        },
        statements=(4, 0, 2),
        triad_lean=((1.2, 1.0, 2.0), (2.2, 1.0, 1.0), (1.0, 1.6, 1.2)),
        dyad_lean=(0.3, 0.4, 0.45, 0.35, 0.3, 0.4, 0.45, 0.3),
    ),
    Theme(
        code="school",
        name="Thuiszitten en school",
        sentences=(
            "{kind} zat al {tijd} thuis zonder {school}.",
            "De {school} wist niet goed wat ze met {kind} aan moest.",
            "Samen met de {leerplicht} zochten we een plek in het {onderwijs}.",
            "{kind} durfde niet meer naar de klas na het pesten.",
            "Er kwam een maatwerkrooster zodat {kind} een paar uur per dag naar {school} kon.",
            "De mentor en de {leerplicht} zaten eindelijk samen aan tafel.",
        ),
        words={
            "kind": ("onze zoon", "mijn dochter", "de jongen", "het meisje", "mijn kind"),
            "tijd": ("maanden", "een schooljaar", "weken"),
            "school": ("school", "de middelbare school", "een passende school"),
            "leerplicht": (
                "leerplichtambtenaar",
                "intern begeleider",
                "schoolmaatschappelijk werk",
            ),
            "onderwijs": ("speciaal onderwijs", "regulier onderwijs", "passend onderwijs"),
        },
        statements=(2, 8, 0),
        triad_lean=((1.2, 2.0, 1.2), (1.0, 2.2, 1.4), (2.2, 1.2, 1.0)),
        dyad_lean=(0.5, 0.65, 0.55, 0.5, 0.6, 0.5, 0.65, 0.55),
    ),
    Theme(
        code="plaatsing",
        name="Uit huis geplaatst",
        sentences=(
            "{kind} werd uit huis geplaatst en kwam in een {plek}.",
            "Na de {plek} volgde nog een overplaatsing naar een {plek}.",
            "Elke overplaatsing betekende weer nieuwe begeleiders en een nieuwe {plek}.",
            "Ik wilde gewoon een thuis, geen {plek}.",
            "De rechter gaf een machtiging voor een {plek}.",
            "Terug naar huis gaan was steeds het doel, maar het duurde lang.",
        ),
        words={
            "kind": ("onze zoon", "mijn dochter", "ik", "mijn broertje"),
            "plek": (
                "pleeggezin",
                "gezinshuis",
                "leefgroep",
                "instelling",
                "gesloten groep",
                "crisisopvang",
            ),
        },
        statements=(5, 6, 7, 1),
        triad_lean=((1.0, 1.0, 2.4), (1.6, 1.0, 1.4), (1.0, 1.0, 2.2)),
        dyad_lean=(0.25, 0.3, 0.35, 0.4, 0.3, 0.4, 0.4, 0.25),
    ),
    Theme(
        code="netwerk",
        name="Het netwerk doet mee",
        sentences=(
            "{naaste} kwam elke {dag} helpen met de kinderen.",
            "We maakten samen met {naaste} een plan voor de {dag}.",
            "Door {naaste} hadden we minder hulp van buiten nodig.",
            "De wijkcoach vroeg wie er in ons {kring} kon meedoen.",
            "In het familiegroepsplan stond wat {naaste} en de buren zouden doen.",
            "Het voelde goed dat ons eigen {kring} het grootste deel droeg.",
        ),
        words={
            "naaste": (
                "oma",
                "de buurvrouw",
                "mijn zus",
                "opa en oma",
                "een vriend van de familie",
            ),
            "dag": ("woensdag", "week", "avond", "weekend"),
            "kring": ("netwerk", "eigen netwerk", "familie", "buurt"),
        },
        statements=(8, 3, 5),
        triad_lean=((2.2, 2.4, 0.8), (1.4, 1.0, 2.0), (1.4, 2.2, 1.0)),
        dyad_lean=(0.75, 0.7, 0.65, 0.75, 0.65, 0.7, 0.6, 0.75),
    ),
    Theme(
        code="regels",
        name="Vast in regels en geld",
        sentences=(
            "De {instantie} zei dat het niet paste binnen de {regel}.",
            "Er was discussie over welke gemeente de {kosten} moest betalen.",
            "We vulden formulier na formulier in voor een {beschikking}.",
            "Pas na een escalatie naar de {instantie} kwam er een {beschikking}.",
            "Iedereen verwees naar de {regel} in plaats van naar ons gezin te kijken.",
            "Het contract van de aanbieder liet geen ruimte voor maatwerk.",
        ),
        words={
            "instantie": ("gemeente", "zorgverzekeraar", "jeugdregio", "inkoper"),
            "regel": ("regels", "verordening", "productcodes", "afspraken in het contract"),
            "kosten": ("kosten", "zorgkosten", "rekening", "financiering"),
            "beschikking": ("beschikking", "indicatie", "toewijzing", "verlenging"),
        },
        statements=(9, 2, 4),
        triad_lean=((1.0, 1.0, 2.4), (1.0, 2.4, 1.2), (1.0, 1.2, 2.0)),
        dyad_lean=(0.2, 0.35, 0.3, 0.35, 0.4, 0.35, 0.4, 0.2),
    ),
]

FILLER = (
    "Ik vertel dit omdat ik hoop dat anderen ervan leren.",
    "Het was een zware periode voor ons hele gezin.",
    "Achteraf gezien had ik eerder aan de bel moeten trekken.",
    "Mijn partner en ik waren allebei erg moe.",
    "De hulpverlener was vriendelijk en deed haar best.",
    "We hebben veel gesprekken gehad met verschillende mensen.",
    "Soms wist ik niet meer wie waarvoor verantwoordelijk was.",
    "Het heeft ons veel energie gekost.",
    "Ik ben blij dat ik dit kan delen.",
    "Er waren ook mooie momenten in die tijd.",
    "We kregen veel adviezen, sommige hielpen wel en andere niet.",
    "Niet alles ging goed, maar we zijn verder gekomen.",
    "Ik merkte dat ik zelf ook hulp nodig had.",
    "Het gesprek aan de keukentafel hielp om alles op een rij te zetten.",
    "Nu gaat het een stuk beter met ons.",
    "Het was niet makkelijk om steeds opnieuw ons verhaal te vertellen.",
)

NARRATORS = ["ouder", "jongere", "professional", "beleidsmedewerker", "bestuurder", "anders"]
NARRATOR_WEIGHTS = [0.38, 0.18, 0.28, 0.08, 0.03, 0.05]


@dataclass(frozen=True)
class SyntheticStory:
    theme: str
    title: str
    text: str
    narrator_role: str
    statements: list[int]
    triads: list[tuple[int, int, int] | None]  # shares in thousandths, or None for n.v.t.
    dyads: list[int | None]  # 0..1000, or None for n.v.t.
    mkwd: list[int]


def _fill(template: str, words: dict[str, tuple[str, ...]], rng: random.Random) -> str:
    text = template
    for slot, options in words.items():
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", rng.choice(options), 1)
    return text[0].upper() + text[1:]


def _triad(weights: tuple[float, float, float], rng: random.Random) -> tuple[int, int, int]:
    draws = [rng.gammavariate(w, 1.0) for w in weights]
    total = sum(draws) or 1.0
    a = round(draws[0] / total * 1000)
    b = min(1000 - a, round(draws[1] / total * 1000))
    return a, b, 1000 - a - b


@dataclass(frozen=True)
class Difficulty:
    own: tuple[int, int]  # how many of the theme's own sentences (at least, at most)
    filler: tuple[int, int]  # how many shared filler sentences
    wander: float  # chance of one sentence from another theme


EASY = Difficulty(own=(2, 3), filler=(3, 5), wander=0.35)  # the demo: themes are visible
# The measuring set: one theme sentence among filler, often next to one of another theme.
HARD = Difficulty(own=(1, 1), filler=(4, 6), wander=0.5)


def story(
    theme: Theme,
    rng: random.Random,
    *,
    themes: list[Theme] | None = None,
    difficulty: Difficulty = EASY,
) -> SyntheticStory:
    """One invented story: theme sentences among filler, sometimes one from another theme."""
    themes = themes or THEMES
    own = rng.sample(theme.sentences, rng.randint(*difficulty.own))
    sentences = [_fill(s, theme.words, rng) for s in own]
    sentences += rng.sample(FILLER, rng.randint(*difficulty.filler))
    if rng.random() < difficulty.wander:
        other = rng.choice([t for t in themes if t.code != theme.code])
        sentences.append(_fill(rng.choice(other.sentences), other.words, rng))
    rng.shuffle(sentences)
    title = _fill(rng.choice(theme.sentences), theme.words, rng).rstrip(".")
    title = " ".join(title.split()[:7])
    statements = sorted(
        {i for i in theme.statements if rng.random() < 0.55}
        | {rng.randrange(len(STATEMENTS)) for _ in range(rng.randint(0, 2))}
    )
    triads: list[tuple[int, int, int] | None] = [
        None if rng.random() < 0.08 else _triad(lean, rng) for lean in theme.triad_lean
    ]
    # Every dyad has an obviously good right-hand pole, so answers drift there whatever happened.
    dyads: list[int | None] = [
        None
        if rng.random() < 0.1
        else max(0, min(1000, round(rng.gauss(0.45 * mean + 0.4, 0.2) * 1000)))
        for mean in theme.dyad_lean
    ]
    mkwd = sorted({rng.randrange(4) for _ in range(rng.randint(1, 2))})
    return SyntheticStory(
        theme=theme.code,
        title=title,
        text=" ".join(sentences),
        narrator_role=rng.choices(NARRATORS, NARRATOR_WEIGHTS)[0],
        statements=statements,
        triads=triads,
        dyads=dyads,
        mkwd=mkwd,
    )


def planted_set(
    count: int, *, themes: int = 4, seed: int = 1, difficulty: Difficulty = HARD
) -> list[SyntheticStory]:
    """``count`` stories spread evenly over the first ``themes`` themes, shuffled."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    chosen = THEMES[:themes]
    stories = [
        story(chosen[i % themes], rng, themes=chosen, difficulty=difficulty) for i in range(count)
    ]
    rng.shuffle(stories)
    return stories


assert len(DYADS) == len(THEMES[0].dyad_lean) and len(TRIADS) == len(THEMES[0].triad_lean)
