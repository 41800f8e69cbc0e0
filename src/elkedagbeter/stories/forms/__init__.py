"""Forms: telling and signifying a story (built from the framework), moderation, filters."""

from .exchange import CsvImportForm
from .filters import StoryFilterForm
from .follow import FollowForm
from .moderation import ManualReplacementForm, ModerationForm
from .patterns import MergeForm, NewPatternForm, PatternForm
from .telling import (
    FIRST_YEAR,
    MONTHS,
    RangeInput,
    SignifierBlock,
    Step,
    StoryForm,
    first_step_with_errors,
    quiet,
    story_steps,
)
from .withdrawal import WithdrawForm

__all__ = [
    "FIRST_YEAR",
    "MONTHS",
    "CsvImportForm",
    "FollowForm",
    "ManualReplacementForm",
    "MergeForm",
    "ModerationForm",
    "NewPatternForm",
    "PatternForm",
    "RangeInput",
    "SignifierBlock",
    "Step",
    "StoryFilterForm",
    "StoryForm",
    "WithdrawForm",
    "first_step_with_errors",
    "quiet",
    "story_steps",
]
