"""A round's findings: per checklist item the counts and shares of the final answers, the
agreement between the two reviewers, the case-history patterns (placement chains and the number
of placements and transfers), and what the team concluded.

The expert team sees the figures as they are. Anyone else sees them protected: counts of 1 to 4
hidden as "< 5" with the partners that would give them away (core/privacy.py), shares only when
numerator, rest and whole are 0 or at least 5, and no single dossier, chain outlier or note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from elkedagbeter.core.privacy import ProtectedCount, protect_count, protect_ratio, protect_table

from .agreement import Agreement, agreement
from .chains import DISTRIBUTION_BANDS, History, distribution_band, histories_of_cases
from .models import (
    Answer,
    AnswerChoice,
    ChecklistItem,
    Conclusion,
    Dossier,
    Lesson,
    Resolution,
    Review,
    ReviewRound,
)
from .selectors import View

LINKS = ("zero_goals", "statements")  # a finding's links to zero goals and statements

MIN_CHAIN = 5  # a chain is named in a shared report only when this many dossiers share it


@dataclass(frozen=True)
class DossierAnswers:
    """The two reviews of one dossier and what they add up to."""

    dossier: Dossier
    reviews: tuple[Review, ...]
    answers: tuple[dict[int, Answer], ...]
    resolutions: dict[int, Resolution]

    @property
    def complete(self) -> bool:
        return len(self.reviews) == 2 and all(review.is_submitted for review in self.reviews)

    def differs(self, item: ChecklistItem) -> bool:
        first, second = (answers.get(item.pk) for answers in self.answers)
        return first is not None and second is not None and first.value != second.value

    def final(self, item: ChecklistItem) -> str | None:
        """The answer that counts: the two agree, or the resolution; None while open."""
        if not self.complete:
            return None
        first, second = (answers.get(item.pk) for answers in self.answers)
        if first is None or second is None:
            return None
        if first.value == second.value:
            return first.value
        resolution = self.resolutions.get(item.pk)
        return resolution.value if resolution is not None else None

    def open_differences(self, items: list[ChecklistItem]) -> list[ChecklistItem]:
        return [item for item in items if self.differs(item) and item.pk not in self.resolutions]


def dossier_answers(round_: ReviewRound) -> list[DossierAnswers]:
    dossiers = round_.dossiers.select_related("imported").prefetch_related(
        Prefetch(
            "reviews",
            queryset=Review.objects.select_related("reviewer")
            .prefetch_related("answers")
            .order_by("pk"),
        ),
        "resolutions",
    )
    result = []
    for dossier in dossiers:
        reviews = tuple(dossier.reviews.all())
        result.append(
            DossierAnswers(
                dossier=dossier,
                reviews=reviews,
                answers=tuple({a.item_id: a for a in review.answers.all()} for review in reviews),
                resolutions={r.item_id: r for r in dossier.resolutions.all()},
            )
        )
    return result


@dataclass(frozen=True)
class YesNo:
    yes: ProtectedCount
    no: ProtectedCount
    not_applicable: ProtectedCount
    total: ProtectedCount
    share: float | None  # yes of (yes + no)


@dataclass(frozen=True)
class Number:
    total: ProtectedCount  # the sum over dossiers, e.g. 24 therapies
    dossiers_with_any: ProtectedCount  # e.g. 19 youths had therapy
    answered: ProtectedCount
    share_of_whole: float | None  # for a part: its sum of the whole's sum (4 of 24)
    distribution: list[tuple[str, ProtectedCount]] = field(default_factory=list)


@dataclass(frozen=True)
class ItemFinding:
    item: ChecklistItem
    agreement: Agreement
    yes_no: YesNo | None = None
    number: Number | None = None


@dataclass(frozen=True)
class ChainRow:
    label: str
    count: ProtectedCount


@dataclass(frozen=True)
class Note:
    dossier: str
    reviewer: str
    text: str


@dataclass
class Findings:
    round: ReviewRound
    view: View
    dossiers: ProtectedCount  # in the sample
    complete: ProtectedCount  # reviewed twice and handed in
    open_work: int
    items: list[ItemFinding]
    chains: list[ChainRow]
    placements: list[tuple[str, ProtectedCount]]
    transfers: list[tuple[str, ProtectedCount]]
    conclusions: list[Conclusion]
    lessons: list[Lesson]
    longest: tuple[str, History] | None = None  # the team's view only
    notes: list[Note] = field(default_factory=list)  # the team's view only

    @property
    def protected(self) -> bool:
        return self.view == View.PROTECTED


def _count(value: int, protected: bool) -> ProtectedCount:
    return protect_count(value) if protected else ProtectedCount(value)


def _share(part: int, whole: int, protected: bool) -> float | None:
    if protected:
        return protect_ratio(part, whole)
    return part / whole if whole else None


def _table(counts: Mapping[str, int], protected: bool) -> tuple[dict[str, ProtectedCount], int]:
    if protected:
        table = protect_table(counts)
        return table.cells, sum(counts.values())
    return {key: ProtectedCount(value) for key, value in counts.items()}, sum(counts.values())


def _yes_no(finals: list[str], protected: bool) -> YesNo:
    counts = {choice: finals.count(choice) for choice in AnswerChoice.values}
    cells, total = _table(counts, protected)
    yes, no = counts[AnswerChoice.YES], counts[AnswerChoice.NO]
    return YesNo(
        yes=cells[AnswerChoice.YES],
        no=cells[AnswerChoice.NO],
        not_applicable=cells[AnswerChoice.NOT_APPLICABLE],
        total=_count(total, protected),
        share=_share(yes, yes + no, protected),
    )


def _distribution(values: list[int], protected: bool) -> list[tuple[str, ProtectedCount]]:
    counts = Counter(distribution_band(value) for value in values)
    cells, _total = _table({band: counts.get(band, 0) for band in DISTRIBUTION_BANDS}, protected)
    return list(cells.items())


def _number(
    numbers: list[int], whole: list[int] | None, protected: bool, *, distribution: bool
) -> Number:
    total = sum(numbers)
    return Number(
        total=_count(total, protected),
        dossiers_with_any=_count(sum(1 for n in numbers if n > 0), protected),
        answered=_count(len(numbers), protected),
        share_of_whole=_share(total, sum(whole), protected) if whole is not None else None,
        distribution=_distribution(numbers, protected) if distribution else [],
    )


def _item_finding(
    item: ChecklistItem, answered: list[DossierAnswers], protected: bool
) -> ItemFinding:
    pairs = [
        (first.value, second.value)
        for entry in answered
        if (first := entry.answers[0].get(item.pk)) is not None
        and (second := entry.answers[1].get(item.pk)) is not None
    ]
    agreed = agreement([a for a, _b in pairs], [b for _a, b in pairs])
    finals = [value for entry in answered if (value := entry.final(item)) is not None]
    if not item.is_number:
        return ItemFinding(item, agreed, yes_no=_yes_no(finals, protected))
    whole = None
    if item.part_of is not None:
        whole = [
            int(value)
            for entry in answered
            if (value := entry.final(item.part_of)) is not None and entry.final(item) is not None
        ]
    numbers = [int(value) for value in finals]
    counted = item.part_of is None
    return ItemFinding(
        item, agreed, number=_number(numbers, whole, protected, distribution=counted)
    )


def _histories(dossiers: list[Dossier]) -> dict[int, History]:
    by_case = histories_of_cases(d.case_id for d in dossiers if d.case_id is not None)
    histories = {}
    for dossier in dossiers:
        if dossier.case_id is not None:
            histories[dossier.pk] = by_case[dossier.case_id]
        elif dossier.imported is not None:
            chain = tuple(dossier.imported.residence_chain)
            histories[dossier.pk] = History(chain, dossier.imported.transfers)
    return histories


def _chains(histories: list[History], protected: bool) -> list[ChainRow]:
    counts = Counter(history.label for history in histories)
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    if not protected:
        return [ChainRow(label, ProtectedCount(count)) for label, count in ordered]
    named = {label: count for label, count in ordered if count >= MIN_CHAIN}
    other = sum(count for label, count in ordered if count < MIN_CHAIN)
    other_label = _("other chains (each fewer than 5 dossiers)")
    table = protect_table({**named, other_label: other} if other else named)
    return [ChainRow(label, count) for label, count in table.cells.items()]


def build(round_: ReviewRound, view: View) -> Findings:
    protected = view == View.PROTECTED
    items = list(round_.items.select_related("part_of"))
    entries = dossier_answers(round_)
    answered = [entry for entry in entries if entry.complete]
    open_work = sum(1 for entry in entries if not entry.complete) + sum(
        len(entry.open_differences(items)) for entry in answered
    )
    dossiers = {entry.dossier.pk: entry.dossier for entry in entries}
    histories = _histories(list(dossiers.values()))
    history_list = list(histories.values())
    findings = Findings(
        round=round_,
        view=view,
        dossiers=_count(len(entries), protected),
        complete=_count(len(answered), protected),
        open_work=open_work,
        items=[_item_finding(item, answered, protected) for item in items],
        chains=_chains(history_list, protected),
        placements=_distribution([h.placements for h in history_list], protected),
        transfers=_distribution([h.transfers for h in history_list], protected),
        conclusions=list(round_.conclusions.prefetch_related(*LINKS)),
        lessons=list(
            (
                round_.lessons.filter(shareable=True) if protected else round_.lessons.all()
            ).prefetch_related(*LINKS)
        ),
    )
    if not protected:
        if histories:
            pk, history = max(histories.items(), key=lambda pair: (pair[1].placements, -pair[0]))
            if history.placements:
                findings.longest = (dossiers[pk].label, history)
        findings.notes = [
            Note(
                entry.dossier.label,
                review.reviewer.get_full_name() or review.reviewer.get_username(),
                review.note,
            )
            for entry in entries
            for review in entry.reviews
            if review.note and review.is_submitted
        ]
    return findings
