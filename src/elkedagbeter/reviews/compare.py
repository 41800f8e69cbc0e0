"""Intervisie between expert teams: rounds side by side on the checklist items they share,
always as protected shares, never dossiers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checklist import DEFAULT_CHECKLIST
from .findings import Findings, ItemFinding, build
from .models import ReviewRound
from .selectors import View


@dataclass(frozen=True)
class Cell:
    share: float | None
    base: str  # what the share is of, as shown ("32", "< 5")


@dataclass(frozen=True)
class Row:
    code: str
    question: str
    cells: list[Cell | None]  # None: the round has no such item


@dataclass(frozen=True)
class Comparison:
    rounds: list[ReviewRound]
    rows: list[Row]
    dossiers: list[str]


def _cell(finding: ItemFinding) -> Cell | None:
    if finding.yes_no is not None:
        return Cell(finding.yes_no.share, str(finding.yes_no.total))
    if finding.number is not None and finding.item.part_of is not None:
        return Cell(finding.number.share_of_whole, str(finding.number.answered))
    return None


def compare(rounds: Iterable[ReviewRound]) -> Comparison:
    listed = list(rounds)
    findings: list[Findings] = [build(round_, View.PROTECTED) for round_ in listed]
    order = {item.code: index for index, item in enumerate(DEFAULT_CHECKLIST)}
    questions: dict[str, str] = {}
    cells: dict[str, dict[int, Cell | None]] = {}
    for index, found in enumerate(findings):
        for finding in found.items:
            cell = _cell(finding)
            if cell is None:
                continue
            questions.setdefault(finding.item.code, finding.item.question)
            cells.setdefault(finding.item.code, {})[index] = cell
    codes = sorted(questions, key=lambda code: (order.get(code, len(order)), code))
    rows = [
        Row(code, questions[code], [cells[code].get(i) for i in range(len(listed))])
        for code in codes
    ]
    return Comparison(listed, rows, [str(found.complete) for found in findings])
