"""A story's answers in words, for moderators and readers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import SCALE, Answer, SignifierKind, Story


@dataclass(frozen=True)
class AnswerRow:
    prompt: str
    answer: str


def _words(answer: Answer) -> str:
    s = answer.signifier
    if answer.not_applicable:
        return _("not applicable")
    if s.kind == SignifierKind.TRIAD and (shares := answer.shares) is not None:
        return ", ".join(
            f"{label}: {share * 100 // SCALE}%"
            for label, share in zip(s.labels, shares, strict=False)
        )
    if s.kind == SignifierKind.DYAD and answer.position is not None:
        return _("%(position)d of 100 (0 is %(left)s, 100 is %(right)s)") % {
            "position": answer.position * 100 // SCALE,
            "left": s.labels[0],
            "right": s.labels[1],
        }
    if s.kind == SignifierKind.MULTIPLE_CHOICE:
        return "; ".join(s.labels[i] for i in answer.choices if i < len(s.labels))
    return answer.text


def answer_rows(story: Story) -> list[AnswerRow]:
    answers = story.answers.select_related("signifier").order_by("signifier__order")
    return [AnswerRow(a.signifier.prompt, _words(a)) for a in answers]
