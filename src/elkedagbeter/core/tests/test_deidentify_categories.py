"""The de-identifier per category: examples of every kind of identifier that must go and of
every kind of word that must stay, and the recall on the development set per category (the
benchmark, bench/deidentify.py, gives the figures and measures the held-out set)."""

from __future__ import annotations

import pytest

from elkedagbeter.core.deid.engine import find
from elkedagbeter.core.deid.evaluation import IDENTIFIERS, KEPT, Sentence, load, parse, score
from elkedagbeter.core.deidentify import deidentify, deidentify_report

EXAMPLES = {
    "NAAM": [
        "Mijn zoon [[NAAM:Daan]] had het zwaar.",
        "ik heet [[NAAM:mo]] en ik ben {{LEEFTIJD:vijftien}}",
        "{{ROL:Juf}} [[NAAM:Annelies]] belde de {{INSTANTIE:Raad voor de Kinderbescherming}}.",
        "Het gesprek met [[NAAM:Marieke]] van de {{INSTANTIE:Raad voor de Kinderbescherming}}.",
        "[[NAAM:Anouk van der Meer-Bos]] en [[NAAM:Khaled Al-Hassan]] kwamen samen.",
        "{{ROL:Mevrouw}} [[NAAM:de Boer]] en dr. [[NAAM:J. de Vries]] waren er ook.",
    ],
    "ADRES": ["We wonen aan de [[ADRES:Molenstraat]].", "Ons adres: [[ADRES:Kerkstraat 12a]]."],
    "POSTCODE": ["Dat is [[POSTCODE:7511 AB]] in [[PLAATS:Enschede]]."],
    "PLAATS": ["We verhuisden van [[PLAATS:Zwolle]] naar [[PLAATS:Almere-Haven]]."],
    "INSTELLING": [
        "Hij zat op basisschool [[INSTELLING:De Regenboog]].",
        "Ze zit op het [[INSTELLING:Stedelijk College]] en later bij [[INSTELLING:Karakter]].",
    ],
    "DATUM": [
        "Op [[DATUM:12 april]] en vanaf [[DATUM:1 januari]] ging het mis.",
        "Het was [[DATUM:dinsdag 3 oktober 2023]], of [[DATUM:14-02-2023]], in {{TIJD:maart}}.",
    ],
    "TELEFOON": ["Bel [[TELEFOON:+31 6 1234 5678]] of [[TELEFOON:(038) 498 22 10]]."],
    "EMAIL": ["Mail [[EMAIL:moeder.van.tim@hotmail.com]] graag."],
    "URL": ["Zie [[URL:www.onzestrijd.nl]] en [[URL:https://example.org/a/1]]."],
    "ACCOUNT": ["Mijn insta is [[ACCOUNT:@lisa.vd.berg]], snap: [[ACCOUNT:dani_2008]]."],
    "IBAN": ["Naar [[IBAN:NL91 ABNA 0417 1643 00]] overmaken."],
    "KENTEKEN": ["Kenteken [[KENTEKEN:67-XKL-3]] en [[KENTEKEN:GH-482-K]]."],
    "BSN": ["Zijn {{WOORD:BSN}} is [[BSN:123.456.782]]."],
    "DOSSIER": [
        "Dossiernummer [[DOSSIER:2023-04567]], zaak [[DOSSIER:Z/23/118904]], [[DOSSIER:#44821]].",
    ],
    "GEBOORTEJAAR": [
        "[[NAAM:Mohammed]] ([[GEBOORTEJAAR:2011]]) woont in een {{HULPVORM:gezinshuis}}."
    ],
}
KEPT_EXAMPLES = [
    "Na {{TIJD:zes weken}} belde {{INSTANTIE:Veilig Thuis}} over de "
    "{{HULPVORM:ondertoezichtstelling}}.",
    "Mijn {{ROL:moeder}} en de {{ROL:voogd}} van {{INSTANTIE:Jeugdbescherming}} praatten.",
    "Hij heeft {{DIAGNOSE:ADHD}} en het {{DIAGNOSE:syndroom van Down}}, hij is {{LEEFTIJD:14}}.",
    "Ze spreekt {{WOORD:Turks}} en {{WOORD:Nederlands}}, ook in {{TIJD:2019}}.",
]


def _finder(text: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.kind) for s in find(text)]


@pytest.mark.parametrize("category", IDENTIFIERS)
def test_each_identifier_category_is_replaced(category: str) -> None:
    sentences = [parse(line) for line in EXAMPLES[category]]
    result = score(sentences, _finder)
    assert result.total[category] and result.rate(category) == 1.0, result.misses
    assert not result.false_positives


@pytest.mark.parametrize("line", KEPT_EXAMPLES)
def test_words_that_identify_nobody_stay(line: str) -> None:
    result = score([parse(line)], _finder)
    assert not result.misses and not result.false_positives


_DEV = load("dev")


@pytest.mark.parametrize("category", IDENTIFIERS + KEPT)
def test_development_set_per_category(category: str) -> None:
    result = score(_DEV, _finder)
    assert result.rate(category) >= (0.98 if category in IDENTIFIERS else 0.95), [
        m for m in result.misses if m.startswith(category)
    ]


def test_the_sets_are_large_and_separate() -> None:
    held_out: list[Sentence] = load("heldout")
    assert len(_DEV) + len(held_out) >= 300
    assert not {s.text for s in _DEV} & {s.text for s in held_out}


def test_tags_are_numbered_per_kind_and_left_alone_when_run_again() -> None:
    text = deidentify("Daan belde Sanne. Later belde Daan zelf, op 12 april.")
    assert text == "[PERSOON-1] belde [PERSOON-2]. Later belde [PERSOON-1] zelf, op [DATUM-1]."
    again = deidentify_report(text + " Ook Piet kwam.")
    assert again.text.endswith("Ook [PERSOON-3] kwam.")
    assert [r.kind for r in again.replacements] == ["persoon"]


def test_places_the_caller_knows_are_replaced() -> None:
    assert deidentify("Het team in Voorbeeldrade", places=["Voorbeeldrade"]).endswith("[LOCATIE-1]")
