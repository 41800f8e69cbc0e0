"""Helpers to tell stories in tests through the same action the public form uses."""

from __future__ import annotations

from typing import Any

from elkedagbeter.organisations.models import Municipality
from elkedagbeter.stories.actions import Telling, tell_story
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Framework, Signifier, Story, StoryStatus
from elkedagbeter.stories.signification import AnswerValue


def signifier(framework: Framework, code: str) -> Signifier:
    return framework.signifiers.get(code=code)


def told(
    municipality: Municipality | None = None,
    *,
    title: str = "Eindelijk iemand die luisterde",
    text: str = "De wijkcoach kwam elke week langs en we voelden ons gehoord.",
    status: str = StoryStatus.APPROVED,
    learning: bool = True,
    publication: bool = True,
    role: str = "ouder",
    answers: dict[str, AnswerValue] | None = None,
    **extra: Any,
) -> Story:
    framework = ensure_default_framework()
    values = {signifier(framework, code).pk: value for code, value in (answers or {}).items()}
    story, _code = tell_story(
        framework,
        Telling(
            title=title,
            text=text,
            narrator_role=role,
            municipality=municipality,
            consent_learning=learning,
            consent_publication=publication,
            answers=values,
            **extra,
        ),
        status=status,
    )
    return story
