from .findings import Conclusion, Lesson
from .links import ConclusionStatement, ConclusionZeroGoal, LessonStatement, LessonZeroGoal
from .review import Answer, AnswerChoice, Resolution, Review
from .round import (
    ChecklistItem,
    Dossier,
    ImportedDossier,
    ItemKind,
    Population,
    ReviewRound,
    RoundStatus,
    SampleMethod,
    Stratum,
    TeamConsent,
)

__all__ = [
    "Answer",
    "AnswerChoice",
    "ChecklistItem",
    "Conclusion",
    "ConclusionStatement",
    "ConclusionZeroGoal",
    "Dossier",
    "ImportedDossier",
    "ItemKind",
    "Lesson",
    "LessonStatement",
    "LessonZeroGoal",
    "Population",
    "Resolution",
    "Review",
    "ReviewRound",
    "RoundStatus",
    "SampleMethod",
    "Stratum",
    "TeamConsent",
]
