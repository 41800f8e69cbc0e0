"""The annotated evaluation set and how the de-identifier is scored on it.

``dev.txt`` is what the engine was developed against; ``heldout.txt`` was written before the
engine and is measured only to report (never tuned for). Markup: ``[[KIND:words]]`` must be
replaced, ``{{KIND:words}}`` must stay.

Scores per category:
- recall: an identifier counts as found when every letter and digit of it is inside a replaced
  span (whatever tag the span got);
- kept: a word that must stay counts as kept when none of it was replaced;
- precision, per tag the engine gave: the share of replaced spans that overlap an annotated
  identifier (a replaced word that is not annotated is a false positive).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
IDENTIFIERS = [
    "NAAM", "ADRES", "POSTCODE", "PLAATS", "INSTELLING", "DATUM", "TELEFOON", "EMAIL", "URL",
    "ACCOUNT", "IBAN", "KENTEKEN", "BSN", "DOSSIER", "GEBOORTEJAAR",
]  # fmt: skip
KEPT = ["INSTANTIE", "HULPVORM", "ROL", "DIAGNOSE", "LEEFTIJD", "TIJD", "WOORD"]
_MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]|\{\{([A-Z]+):(.+?)\}\}")


@dataclass(frozen=True)
class Mark:
    category: str
    start: int
    end: int
    identifier: bool


@dataclass(frozen=True)
class Sentence:
    text: str
    marks: tuple[Mark, ...]
    line: int


def parse(line: str, number: int = 0) -> Sentence:
    parts: list[str] = []
    marks: list[Mark] = []
    position = length = 0
    for match in _MARK.finditer(line):
        before = line[position : match.start()]
        parts.append(before)
        length += len(before)
        identifier = match.group(1) is not None
        category = match.group(1) or match.group(3)
        words = match.group(2) if identifier else match.group(4)
        if category not in (IDENTIFIERS if identifier else KEPT):
            raise ValueError(f"line {number}: unknown category {category}")
        marks.append(Mark(category, length, length + len(words), identifier))
        parts.append(words)
        length += len(words)
        position = match.end()
    parts.append(line[position:])
    return Sentence("".join(parts), tuple(marks), number)


def load(name: str) -> list[Sentence]:
    """'dev' or 'heldout'."""
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [
        parse(line, number)
        for number, line in enumerate(lines, 1)
        if line.strip() and not line.startswith("#")
    ]


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    true_positive: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def rate(self, category: str) -> float:
        return self.found[category] / self.total[category] if self.total[category] else 1.0

    def precision(self, kind: str) -> float:
        return self.true_positive[kind] / self.predicted[kind] if self.predicted[kind] else 1.0

    def overall(self, categories: Iterable[str]) -> float:
        categories = list(categories)
        total = sum(self.total[c] for c in categories)
        return sum(self.found[c] for c in categories) / total if total else 1.0

    def overall_precision(self) -> float:
        predicted = sum(self.predicted.values())
        return sum(self.true_positive.values()) / predicted if predicted else 1.0


Finder = Callable[[str], list[tuple[int, int, str]]]


def score(sentences: Iterable[Sentence], find: Finder) -> Score:
    result = Score()
    for sentence in sentences:
        text = sentence.text
        spans = find(text)
        replaced = [False] * len(text)
        for start, end, _kind in spans:
            for k in range(start, end):
                replaced[k] = True
        for mark in sentence.marks:
            result.total[mark.category] += 1
            chars = range(mark.start, mark.end)
            if mark.identifier:
                ok = all(replaced[k] for k in chars if text[k].isalnum())
            else:
                ok = not any(replaced[k] for k in chars)
            if ok:
                result.found[mark.category] += 1
            else:
                words = text[mark.start : mark.end]
                result.misses.append(
                    f"{mark.category}: {words!r} in {text!r} (line {sentence.line})"
                )
        for start, end, kind in spans:
            result.predicted[kind] += 1
            if any(m.identifier and m.start < end and start < m.end for m in sentence.marks):
                result.true_positive[kind] += 1
            else:
                result.false_positives.append(
                    f"{kind}: {text[start:end]!r} in {text!r} (line {sentence.line})"
                )
    return result
