"""De-identification of Dutch free text with deduce, one instance per process.

deduce builds its lookup tables on first use after installation (about a minute); `make demo`
and `make test` warm it during set-up, so requests only pay for loading them once (a few
seconds). On top of deduce, a few patterns catch what it misses: international and mobile phone
numbers written with spaces or a country code, BSN-like numbers written with dots, IBANs,
postcodes, "maart 2024"-style dates, hyphenated place names ("Almere-Buiten") and place names
the caller knows (the municipalities in the database).

``deidentify`` returns the text; ``deidentify_report`` also says what was replaced (the kind and
the position of each tag in the new text, never the original words), for a moderator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

# deduce's tags, and ours, as shown in the text.
LABELS = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "locatie": "LOCATIE",
    "datum": "DATUM",
    "leeftijd": "LEEFTIJD",
    "telefoonnummer": "TELEFOONNUMMER",
    "emailadres": "EMAILADRES",
    "bsn": "BSN",
    "id": "NUMMER",
    "url": "URL",
    "iban": "IBAN",
    "zorginstelling": "INSTELLING",
    "ziekenhuis": "INSTELLING",
    "instelling": "INSTELLING",
}
# When spans overlap, the merged span takes the most specific kind.
PRIORITY = ["bsn", "iban", "emailadres", "telefoonnummer", "url", "datum", "persoon", "locatie"]

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("emailadres", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b")),
    # +31 6 12345678, 0031 6-1234 5678, 06 - 123 456 78, 053-480 12 34
    (
        "telefoonnummer",
        re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)\d(?:[\s-]?\d){8}(?!\d)"),
    ),
    # BSN-like: nine digits, also written 123.456.782, 1234.56.782 or 123 456 782; eight digits.
    ("bsn", re.compile(r"(?<![\d.])\d{3,4}[.\s]?\d{2,3}[.\s]?\d{3}(?![\d.]*\d)")),
    ("locatie", re.compile(r"\b\d{4}\s?[A-Z]{2}\b")),  # postcode
    ("datum", re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{_MONTHS})\.?\s+(?:19|20)\d\d\b", re.I)),
    # Context: "ik heet mo", "genaamd noor" (names in lower case are not in deduce's lists), and
    # "de wijk Velve-Lindenhof". When a pattern has a group, only the group is replaced.
    (
        "persoon",
        re.compile(r"\b(?:heet|heette|heten|genaamd|noemden we)\s+([A-Za-z][\w'-]+)", re.I),
    ),
    ("locatie", re.compile(r"\b(?:wijk|buurt|dorp)\s+([A-Z][\w-]+)")),
]
_HYPHENATED_TAIL = re.compile(r"-[A-Z][\w]+")
# deduce reads these ordinary words as the name of a care institution ("Jeugdzorg hielp").
GENERIC_INSTITUTION_WORDS = frozenset({"jeugdzorg", "jeugdhulp"})


@dataclass(frozen=True)
class Replacement:
    """One tag in the de-identified text: its kind (deduce's tag) and where it stands."""

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


@cache
def _deduce() -> Any:
    import deduce

    return deduce.Deduce()


def warm() -> None:
    """Load deduce's lookup tables now (a few seconds; about a minute on the very first run)."""
    _deduce()


@dataclass
class _Span:
    start: int
    end: int
    kind: str


@lru_cache(maxsize=8)
def _places_pattern(places: frozenset[str]) -> re.Pattern[str] | None:
    if not places:
        return None
    names = sorted(places, key=len, reverse=True)  # the longest name first: "Bergen op Zoom"
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def _spans(text: str, places: Iterable[str]) -> list[_Span]:
    spans = [
        _Span(a.start_char, a.end_char, a.tag.split("_")[0])
        for a in _deduce().deidentify(text).annotations
        if not (
            a.tag in {"zorginstelling", "instelling"}
            and a.text.lower() in GENERIC_INSTITUTION_WORDS
        )
    ]
    for kind, pattern in PATTERNS:
        group = 1 if pattern.groups else 0
        spans += [_Span(m.start(group), m.end(group), kind) for m in pattern.finditer(text)]
    known = _places_pattern(frozenset(p for p in places if len(p) > 2))
    if known is not None:
        spans += [_Span(m.start(), m.end(), "locatie") for m in known.finditer(text)]
    for span in spans:  # "Almere" in "Almere-Buiten" takes its tail along
        if span.kind == "locatie" and (tail := _HYPHENATED_TAIL.match(text, span.end)):
            span.end = tail.end()
    return _merged(spans)


def _rank(kind: str) -> int:
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


def _merged(spans: list[_Span]) -> list[_Span]:
    """Overlapping spans become one; it takes the kind of the longest, then the most specific."""
    merged: list[tuple[_Span, _Span]] = []  # (merged span, the span that gives its kind)
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1][0].end:
            last, leader = merged[-1]
            last.end = max(last.end, span.end)
            length, leader_length = span.end - span.start, leader.end - leader.start
            if (length, -_rank(span.kind)) > (leader_length, -_rank(leader.kind)):
                last.kind = span.kind
                merged[-1] = (last, span)
        else:
            merged.append((_Span(span.start, span.end, span.kind), span))
    return [span for span, _leader in merged]


def deidentify_report(text: str, *, places: Iterable[str] = ()) -> Deidentified:
    """Replace names, places, dates, phone numbers, e-mail addresses, BSN-like numbers and the
    like with tags such as ``[PERSOON-1]`` (the same words get the same tag), and say where."""
    if not text.strip():
        return Deidentified(text, [])
    numbers: dict[tuple[str, str], int] = {}
    per_label: dict[str, int] = {}
    parts: list[str] = []
    replacements: list[Replacement] = []
    position = 0
    length = 0
    for span in _spans(text, places):
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
