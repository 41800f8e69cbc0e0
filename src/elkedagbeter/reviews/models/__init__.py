from .findings import Conclusion, Lesson
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
    "Dossier",
    "ImportedDossier",
    "ItemKind",
    "Lesson",
    "Population",
    "Resolution",
    "Review",
    "ReviewRound",
    "RoundStatus",
    "SampleMethod",
    "Stratum",
    "TeamConsent",
]
