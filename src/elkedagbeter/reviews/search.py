"""Shared lessons of dossier reviews in the Wat werkt search (see knowledge/sources.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elkedagbeter.knowledge.models import Audience
from elkedagbeter.knowledge.search import Document
from elkedagbeter.knowledge.sources import Source, register

from .models import Lesson


def lesson_document(lesson: Lesson) -> Document | None:
    """A lesson the team shared, for everyone signed in, as the lessons page shows it."""
    if not lesson.shareable:
        return None
    return Document(
        title=lesson.title,
        body=f"{lesson.text} · {lesson.round.expert_team.name}",
        url=reverse("reviews:lessons") + f"#les-{lesson.pk}",
        audience=Audience.SIGNED_IN,
    )


def register_lessons() -> None:
    register(Source("dossierles", _("Lessons from dossier reviews"), Lesson, lesson_document))
