"""The state machine: a bottleneck's statuses and the moves allowed between them.

The table (``TRANSITIONS``) is applied by the guarded change in ``actions.transition`` (after
django-oscar's order pipeline).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REPORTED = "gemeld", _("Reported")
    IN_PROGRESS = "in_behandeling", _("In progress")
    SOLVED = "opgelost", _("Solved")
    NOT_SOLVABLE = "niet_oplosbaar", _("Cannot be solved")
    ESCALATED = "doorgezet", _("Escalated")
    REOPENED = "heropend", _("Reopened")


# The state machine: from each status, the statuses it may move to. "Escalated" sits with the
# body at the next level, waiting for it to respond, like "reported" does at the first.
_DECISIONS = frozenset({Status.SOLVED, Status.NOT_SOLVABLE, Status.ESCALATED})
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REPORTED: _DECISIONS | {Status.IN_PROGRESS},
    Status.IN_PROGRESS: _DECISIONS,
    Status.ESCALATED: _DECISIONS | {Status.IN_PROGRESS},
    Status.REOPENED: _DECISIONS | {Status.IN_PROGRESS},
    Status.SOLVED: frozenset({Status.REOPENED}),
    Status.NOT_SOLVABLE: frozenset({Status.REOPENED}),
}
# Moves that need a text: what was done, why not, why escalate, why reopen.
TEXT_REQUIRED = frozenset({Status.SOLVED, Status.NOT_SOLVABLE, Status.ESCALATED, Status.REOPENED})
# The body has the ball and owes a first response.
AWAITING_RESPONSE = frozenset({Status.REPORTED, Status.ESCALATED, Status.REOPENED})
CLOSED = frozenset({Status.SOLVED, Status.NOT_SOLVABLE})
OPEN = frozenset(Status) - CLOSED
