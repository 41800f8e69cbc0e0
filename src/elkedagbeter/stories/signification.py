"""Answers to a framework's signifiers: their values as the form gives them, and as numbers for
theme finding and similarity."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .models import SCALE, Answer, Signifier, SignifierKind, Story


@dataclass
class AnswerValue:
    """An answer before it is saved. ``None`` values and ``not_applicable`` mean no answer."""

    not_applicable: bool = False
    shares: tuple[int, int, int] | None = None
    position: int | None = None
    choices: list[int] = field(default_factory=list)
    text: str = ""

    @property
    def empty(self) -> bool:
        return (
            not self.not_applicable
            and self.shares is None
            and self.position is None
            and not self.choices
            and not self.text.strip()
        )


def shares_from_points(points: Sequence[int]) -> tuple[int, int, int]:
    """Three points out of 100 as thousandths that sum to exactly 1000."""
    total = sum(points)
    a = round(points[0] * SCALE / total)
    b = round(points[1] * SCALE / total)
    b = min(b, SCALE - a)
    return a, b, SCALE - a - b


def answer_for(story: Story, signifier: Signifier, value: AnswerValue) -> Answer:
    shares = value.shares
    return Answer(
        story=story,
        signifier=signifier,
        not_applicable=value.not_applicable,
        share_a=None if shares is None else shares[0],
        share_b=None if shares is None else shares[1],
        share_c=None if shares is None else shares[2],
        position=value.position,
        choices=sorted(set(value.choices)),
        text=value.text,
    )


# --- As numbers ----------------------------------------------------------------------------------

Key = tuple[str, str, int]  # (signifier code, kind, index)


def vector_keys(signifiers: Iterable[Signifier]) -> list[Key]:
    """The columns of a signification vector, in a stable order, for signifiers of one or more
    frameworks (signifiers with the same code share columns)."""
    keys: dict[Key, None] = {}
    for signifier in signifiers:
        if signifier.kind == SignifierKind.TRIAD:
            width = 3
        elif signifier.kind == SignifierKind.DYAD:
            width = 1
        elif signifier.kind == SignifierKind.MULTIPLE_CHOICE:
            width = len(signifier.labels)
        else:
            continue
        for index in range(width):
            keys[(signifier.code, str(signifier.kind), index)] = None
    return list(keys)


def neutral(key: Key) -> float:
    """The value for no answer: the middle of a triad or dyad, no choice ticked."""
    _code, kind, _index = key
    if kind == SignifierKind.TRIAD:
        return 1 / 3
    if kind == SignifierKind.DYAD:
        return 0.5
    return 0.0


def vector(answers: Iterable[tuple[str, str, Answer]], keys: Sequence[Key]) -> list[float]:
    """A story's answers (signifier code, kind, answer) as numbers in ``keys`` order."""
    values: dict[Key, float] = {}
    for code, kind, answer in answers:
        if answer.not_applicable:
            continue
        if kind == SignifierKind.TRIAD and (shares := answer.shares) is not None:
            for index, share in enumerate(shares):
                values[(code, kind, index)] = share / SCALE
        elif kind == SignifierKind.DYAD and answer.position is not None:
            values[(code, kind, 0)] = answer.position / SCALE
        elif kind == SignifierKind.MULTIPLE_CHOICE:
            for index in answer.choices:
                values[(code, kind, index)] = 1.0
    return [values.get(key, neutral(key)) for key in keys]
