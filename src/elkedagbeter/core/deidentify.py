"""De-identification of Dutch free text: the one engine for every free text that is stored.

The engine (``core/deid/``) finds identifiers by their shape (e-mail, URLs, IBANs, phone
numbers, licence plates, postcodes, dates, birth years, BSNs, case and client numbers, social
handles) and by gazetteers with context (names, streets, places, schools and care institutions),
and protects what must stay (public bodies, kinds of help, roles, diagnoses). Its word lists
come from the lookup lists that the ``deduce`` package ships, read once and cached as a pickle,
so a new process de-identifies its first sentence in about a second. See
docs/deidentification.md for what is replaced, what stays, and the measured recall.

``deidentify`` returns the text; ``deidentify_report`` also says what was replaced (the kind and
the position of each tag in the new text, never the original words), for a moderator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from elkedagbeter.core.deid.engine import TAG, find
from elkedagbeter.core.deid.lexicon import lexicon, tokens_of

# The engine's kinds and the tags they get in the text.
LABELS = {
    "persoon": "PERSOON",
    "locatie": "LOCATIE",
    "adres": "ADRES",
    "postcode": "POSTCODE",
    "instelling": "INSTELLING",
    "datum": "DATUM",
    "geboortejaar": "GEBOORTEJAAR",
    "telefoonnummer": "TELEFOONNUMMER",
    "emailadres": "EMAILADRES",
    "url": "URL",
    "account": "ACCOUNT",
    "iban": "IBAN",
    "kenteken": "KENTEKEN",
    "bsn": "BSN",
    "nummer": "NUMMER",
}
# Kinds by their tag, for a moderator's manual replacement.
KINDS = {label: kind for kind, label in LABELS.items()}


@dataclass(frozen=True)
class Replacement:
    """One tag in the de-identified text: its kind (the engine's) and where it stands."""

    tag: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Deidentified:
    text: str
    replacements: list[Replacement]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for replacement in self.replacements:
            counts[replacement.kind] = counts.get(replacement.kind, 0) + 1
        return counts


def warm() -> None:
    """Load the word lists now (under a second from the cache; a few seconds to build it)."""
    lexicon()


@lru_cache(maxsize=8)
def _places(places: frozenset[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(t for p in places if len(p) > 2 and (t := tokens_of(p)))


def deidentify_report(text: str, *, places: Iterable[str] = ()) -> Deidentified:
    """Replace names, places, dates, phone numbers, e-mail addresses, BSN-like numbers and the
    like with tags such as ``[PERSOON-1]`` (the same words get the same tag), and say where.
    ``places`` are place names the caller knows besides the engine's lists."""
    if not text.strip():
        return Deidentified(text, [])
    numbers: dict[tuple[str, str], int] = {}
    per_label: dict[str, int] = {}
    for match in TAG.finditer(text):  # tags already there (a moderator's edit) keep their numbers
        label, number = match.group(1), int(match.group(2))
        per_label[label] = max(per_label.get(label, 0), number)
    parts: list[str] = []
    replacements: list[Replacement] = []
    position = 0
    length = 0
    for span in find(text, _places(frozenset(places))):
        label = LABELS.get(span.kind, span.kind.upper())
        key = (label, text[span.start : span.end].lower())
        if key not in numbers:
            per_label[label] = per_label.get(label, 0) + 1
            numbers[key] = per_label[label]
        tag = f"[{label}-{numbers[key]}]"
        before = text[position : span.start]
        parts += [before, tag]
        length += len(before)
        replacements.append(Replacement(tag, span.kind, length, length + len(tag)))
        length += len(tag)
        position = span.end
    parts.append(text[position:])
    return Deidentified("".join(parts), replacements)


def deidentify(text: str, *, places: Iterable[str] = ()) -> str:
    """Replace names, places, dates of birth, phone numbers and the like with tags such as
    ``[PERSOON-1]``; empty text stays empty."""
    return deidentify_report(text, places=places).text
