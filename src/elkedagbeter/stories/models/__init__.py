"""Stories (micro-narratives), their signification under a versioned framework, the patterns
curated from them and the Most Significant Change rounds that select from them."""

from .answer import SCALE, Answer
from .correction import ManualReplacement
from .framework import LABEL_COUNTS, Framework, Signifier, SignifierKind
from .links import PatternStatement, PatternZeroGoal
from .msc import MscRound, MscSelection, PanelLevel
from .pattern import Audience, Pattern, PatternStatus, PatternStory, Tip
from .story import NarratorRole, Story, StorySource, StoryStatus, new_reference
from .suggestion import Suggestion, SuggestionRun, SuggestionStatus

__all__ = [
    "LABEL_COUNTS",
    "SCALE",
    "Answer",
    "Audience",
    "Framework",
    "ManualReplacement",
    "MscRound",
    "MscSelection",
    "NarratorRole",
    "PanelLevel",
    "Pattern",
    "PatternStatement",
    "PatternStatus",
    "PatternStory",
    "PatternZeroGoal",
    "Signifier",
    "SignifierKind",
    "Story",
    "StorySource",
    "StoryStatus",
    "Suggestion",
    "SuggestionRun",
    "SuggestionStatus",
    "Tip",
    "new_reference",
]
