"""Important writes on review rounds. Each checks who may do it, owns its transaction and, where
case data is read, its access-log entry."""

from ..selectors import population  # read through this module by callers of the draw
from .checklist import add_default_checklist, add_item, remove_item
from .consent import give_consent, withdraw_consent
from .dossiers import answer_errors, log_dossier_read, resolve, save_review
from .drawing import (
    MIN_REVIEWERS,
    draw,
    draw_sample,
    import_dossiers,
    sample_reproduces,
    start_reviewing,
)
from .findings import add_conclusion, add_lesson, conclude
from .rounds import (
    close_round,
    create_round,
    expert_colleagues,
    new_seed,
    set_shared,
    update_round,
)

__all__ = [
    "MIN_REVIEWERS",
    "add_conclusion",
    "add_default_checklist",
    "add_item",
    "add_lesson",
    "answer_errors",
    "close_round",
    "conclude",
    "create_round",
    "draw",
    "draw_sample",
    "expert_colleagues",
    "give_consent",
    "import_dossiers",
    "log_dossier_read",
    "new_seed",
    "population",
    "remove_item",
    "resolve",
    "sample_reproduces",
    "save_review",
    "set_shared",
    "start_reviewing",
    "update_round",
    "withdraw_consent",
]
