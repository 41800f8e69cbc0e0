"""Identifiers with a shape: e-mail, URLs, IBANs, phone numbers, licence plates, postcodes,
dates, birth years, BSNs, case and client numbers and social-media handles. Each pattern gives
a kind; when a pattern has a group, only the group is replaced. Earlier patterns win overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec"
)
_ABBREVIATED = "jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec"
_MONTH = rf"(?:(?:{_ABBREVIATED})\b\.?|(?:{MONTHS})\b)"
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
_DAY_WORDS = (
    "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien"
    "|zestien|zeventien|achttien|negentien|twintig|eenentwintig|tweeëntwintig|drieëntwintig"
    "|vierentwintig|vijfentwintig|zesentwintig|zevenentwintig|achtentwintig|negenentwintig"
    "|dertig|eenendertig|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende"
)
HOLIDAYS = "koningsdag|kerst|kerstmis|pasen|pinksteren|oud en nieuw|sinterklaas|suikerfeest"
_YEAR = r"(?:19|20)\d\d"
_DAY = rf"(?:[0-3]?\d(?:e|ste|de)?|{_DAY_WORDS})"
_WEEKDAY = rf"(?:(?:{WEEKDAYS})\.?,?\s+)"
_PLATE_SHAPES = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
]  # fmt: skip
_PLATE = "|".join(
    "-".join(
        f"[A-Z]{{{len(part)}}}" if part[0] == "L" else rf"\d{{{len(part)}}}"
        for part in shape.split("-")
    )
    for shape in _PLATE_SHAPES
)
_CASE_WORDS = (
    r"dossier(?:nummer|nr\.?)?|zaak(?:nummer|nr\.?)?|cli[eë]nt(?:nummer|nr\.?)?|kenmerk"
    r"|referentie(?:nummer)?|ref\.?|registratie(?:nummer|nr\.?)?|casus(?:nummer)?|nummer|nr\.?"
    r"|pv|proces-verbaal|aanvraag(?:nummer)?|meldingsnummer|beschikking(?:snummer)?"
    r"|ons kenmerk|uw kenmerk|volgnummer|klantnummer|polisnummer"
)
_PLATFORMS = (
    r"insta(?:gram)?|snap(?:chat)?|tik ?tok|twitter|x|facebook|fb|telegram|discord|youtube"
    r"|twitch|account|gebruikersnaam|username"
)

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("emailadres", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "url",
        re.compile(
            r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)]"
            r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|be|eu|info|io|nu|me|tv)"
            r"\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)])?",
            re.I,
        ),
    ),
    ("iban", re.compile(r"\b[A-Z]{2}\s?\d{2}\s?[A-Z]{4}(?:\s?\d){7,10}\b")),
    # +31 6 12345678, 0031 6-1234 5678, +31 (0)6 87654321, 06 - 123 456 78, (038) 498 22 10
    (
        "telefoonnummer",
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?\d|\(0\d{1,3}\)|0\d)"
            r"(?:[\s-]{0,3}\d){7,9}(?![\d-]*\d)"
        ),
    ),
    ("kenteken", re.compile(r"\b[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b")),
    (
        "kenteken",
        re.compile(
            r"\bkenteken(?:nummer)?\s*:?\s*([A-Z0-9]{6}|[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3})\b",
            re.I,
        ),
    ),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b")),
    # dates: with the weekday before and the year after when they are there
    ("datum", re.compile(rf"\b(?:{MONTHS})\.?\s+{_YEAR}\b", re.I)),
    ("datum", re.compile(rf"\b(?:{HOLIDAYS})\s+{_YEAR}\b", re.I)),
    (
        "datum",
        re.compile(
            rf"\b(?:[0-3]?\d[-/.][01]?\d[-/.](?:{_YEAR}|\d\d)|{_YEAR}-[01]\d-[0-3]\d)\b",
            re.I,
        ),
    ),
    # "op 12-3", "vanaf 1/9", "d.d. 3-4": day and month in figures after a word that says so
    (
        "datum",
        re.compile(
            r"\b(?:op|vanaf|sinds|tot|per|t/m|d\.d\.|dd|voor|na|rond)\s+([0-3]?\d[-/][01]?\d)\b"
            r"(?![-/]\d)",
            re.I,
        ),
    ),
    (
        "datum",
        re.compile(r"\b(?:op|vanaf|sinds|tot|per|voor|na|rond) de ([0-3]?\d(?:e|ste|de))\b", re.I),
    ),
    ("geboortejaar", re.compile(rf"\(\s*({_YEAR})\s*\)")),
    ("geboortejaar", re.compile(rf"\bgeboren\s+(?:in\s+|op\s+)?(?:\w+\s+)?({_YEAR})\b", re.I)),
    ("geboortejaar", re.compile(rf"\b(?:bouwjaar|geb\.?|geboortejaar)\s*:?\s*({_YEAR})\b", re.I)),
    # BSN-like: nine digits, also written 123.456.782, 1234.56.782 or 123 456 782
    ("bsn", re.compile(r"(?<![\d.])\d{3,4}[.\s]?\d{2,3}[.\s]?\d{3}(?![\d.]*\d)(?<=\S)")),
    # case, client, dossier and reference numbers, after a word that announces them ...
    (
        "nummer",
        re.compile(
            rf"\b(?:{_CASE_WORDS})\b[\s:]*(?:(?:is|was|onder|bij|van)\s+)?"
            r"(#?(?=[\w./-]*\d)(?=[\w./-]{3,})[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)*)",
            re.I,
        ),
    ),
    # ... and anywhere when they look like one: letters and at least four digits with
    # separators (the digits are counted afterwards), #12345, or a run of six to eight digits
    # that is no amount.
    (
        "nummer",
        re.compile(
            r"(?<![\w./-])#?[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)+(?![\w-])"
            r"|#\d{3,}\b|\b[A-Z]{1,4}\d{4,}\b"
            r"|(?<![\d.,])\d{6,8}(?![\d.,])(?!\s*(?:euro|eur)\b)"
        ),
    ),
    ("account", re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[\w.]*\w)?")),
    (
        "account",
        re.compile(
            rf"\b(?:{_PLATFORMS})\b(?:\s+(?:is|naam|account|heet|als))*\s*[:(]?\s*"
            r"(@?[A-Za-z0-9][\w.]*(?:_|\d|\.)[\w.]*\w)",
            re.I,
        ),
    ),
    ("account", re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9]*_[\w.]*\w")),
]
# Numbers everybody may know: national help lines and the like.
PUBLIC_NUMBERS = re.compile(r"^(?:0800|0900|088)[\s-]?\d{4}$|^112$")
# An amount written with thousands separators is no case number.
_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


_PLATE_SHAPE = re.compile(rf"^(?:{_PLATE})$")
_MONTH_WORD = re.compile(rf"\b{_MONTH}", re.I)
_DAY_MONTH = re.compile(rf"\b{_WEEKDAY}?{_DAY}\s+{_MONTH}(?:\s+(?:'\d\d|{_YEAR})\b)?", re.I)
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY}$", re.I)
# Cheap tests that say a pattern cannot match, so that it is not run at all.
_NEEDS = {"emailadres": "@", "url": "."}
_DIGIT = re.compile(r"\d")


def _digits(found: str) -> int:
    return sum(c.isdigit() for c in found)


def matches(text: str) -> Iterator[tuple[int, int, str]]:
    """Every pattern's matches as (start, end, kind), in the order of PATTERNS."""
    has_digit = bool(_DIGIT.search(text))
    for kind, pattern in PATTERNS:
        if (needle := _NEEDS.get(kind)) and needle not in text:
            continue
        if not has_digit and kind not in {"url", "account", "emailadres"}:
            continue
        group = 1 if pattern.groups else 0
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if start < 0 or start == end:
                continue
            found = text[start:end]
            if kind == "nummer" and (
                PUBLIC_NUMBERS.match(found) or _AMOUNT.match(found) or _digits(found) < 4
            ):
                continue
            if kind == "kenteken" and not group and not _PLATE_SHAPE.match(found):
                continue
            if kind == "datum":
                before = _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
                if before:
                    start = before.start()
            yield start, end, kind
    # day and month ("12 april", "dinsdag 3 oktober 2023"), looked for around month names only
    seen: set[int] = set()
    for month in _MONTH_WORD.finditer(text):
        window = max(0, month.start() - 40)
        for match in _DAY_MONTH.finditer(text, window, min(len(text), month.end() + 8)):
            if match.start() not in seen and match.start() <= month.start() < match.end():
                seen.add(match.start())
                yield match.start(), match.end(), "datum"
