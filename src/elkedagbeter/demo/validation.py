"""Every rule the product enforces on a user's input, checked on every row in the database.

The demo and the synthetic generators write in bulk and into the past, so they cannot always go
through the forms; this module checks what they wrote with the product's own rules: the models'
validation (``full_clean``), the case timeline's rules (``cases.timeline.event_errors``, which
the event form and ``record_event`` use), the monitoring rules (``monitoring.rules``), the
knelpunt state machine (``bottlenecks.models.TRANSITIONS``) and the forms' date rules. A few
rules that follow from what a case is are added here: nothing happens to a case before it was
opened or after it was closed.

``violations()`` returns one line per broken rule and row; the demo's test asserts it is empty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from elkedagbeter.bottlenecks.models import (
    TEXT_REQUIRED,
    TRANSITIONS,
    Bottleneck,
    Comment,
    Endorsement,
    Status,
)
from elkedagbeter.cases.models import Case, Event, EventKind, Intervention, Involvement
from elkedagbeter.cases.timeline import event_errors
from elkedagbeter.knowledge.models import ImprovementInitiative, ReflectionSession, Stage
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment
from elkedagbeter.monitoring.rules import moment_errors
from elkedagbeter.reviews.actions import answer_errors
from elkedagbeter.reviews.models import Review

# The apps whose rows the generators write (organisations and accounts are set-up, not input).
CHECKED_APPS = ("cases", "monitoring", "bottlenecks", "knowledge", "reviews", "stories")
# Date fields that are deadlines or validity ends and so lie in the future by design.
FUTURE_BY_DESIGN = {"due_on", "expires_at", "period_end"}


@dataclass(frozen=True)
class Violation:
    rule: str
    row: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.row}: {self.detail}"


def _label(row: models.Model) -> str:
    return f"{type(row).__name__} {row.pk}"


def _day(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _messages(error: ValidationError) -> str:
    return "; ".join(f"{field}: {' '.join(text)}" for field, text in error.message_dict.items())


# --- Rules on every row ---------------------------------------------------------------------------


def model_validation(rows: Iterable[models.Model]) -> Iterator[Violation]:
    """The model's own validation (``full_clean``): required fields, choices, lengths and
    ``clean()``. Check constraints, uniqueness and that a foreign key points at a row are left
    to the database, which refused any such row at insert; a required foreign key that is empty
    (an event without its author, say) is reported here."""
    for row in rows:
        relations = [f for f in row._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        try:
            row.full_clean(
                exclude=[f.name for f in relations],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            yield Violation("model validation (full_clean)", _label(row), _messages(error))
        for field in relations:
            if not field.blank and getattr(row, field.attname) is None:
                yield Violation(
                    "model validation (full_clean)", _label(row), f"{field.name}: required"
                )


def no_future_dates(rows: Iterable[models.Model], now: datetime) -> Iterator[Violation]:
    """Nothing a user records can lie in the future (deadlines aside)."""
    today = timezone.localdate(now)
    for row in rows:
        for field in row._meta.concrete_fields:
            if field.name in FUTURE_BY_DESIGN:
                continue
            value = getattr(row, field.attname)
            if (isinstance(field, models.DateTimeField) and value is not None and value > now) or (
                isinstance(field, models.DateField)
                and not isinstance(field, models.DateTimeField)
                and value is not None
                and value > today
            ):
                yield Violation("no future dates", _label(row), f"{field.name} = {value}")


# --- Cases and monitoring -------------------------------------------------------------------------


def timeline_rules(today: date) -> Iterator[Violation]:
    """``cases.timeline.event_errors``, as the event form and ``record_event`` apply it: no
    future dates, end after start, a placement with its type, youth and (closed) machtiging and
    no overlap with another placement of the youth, a seclusion with duration and place, a
    transfer with from and to."""
    by_case: dict[int, list[Event]] = defaultdict(list)
    for event in Event.objects.order_by("case_id", "started_on", "pk"):
        by_case[event.case_id].append(event)
    for events in by_case.values():
        for event in events:
            for field, message in event_errors(event, today, events).items():
                yield Violation(f"timeline rule ({field})", _label(event), str(message))


def _case_dates(case: Case, day: date | None, what: str, label: str) -> Iterator[Violation]:
    if day is None:
        return
    if day < case.opened_on:
        yield Violation(
            "nothing before the case was opened",
            label,
            f"{what} {day} before case {case.reference} opened on {case.opened_on}",
        )
    if case.closed_on is not None and day > case.closed_on:
        yield Violation(
            "nothing after the case was closed",
            label,
            f"{what} {day} after case {case.reference} closed on {case.closed_on}",
        )


def within_the_case() -> Iterator[Violation]:
    """Every event, monitoring moment, involvement and intervention lies between the case's
    opening and closing; on a closed case nothing is still running."""
    cases = {case.pk: case for case in Case.objects.all()}
    for event in Event.objects.all():
        case = cases[event.case_id]
        yield from _case_dates(case, event.started_on, "starts on", _label(event))
        yield from _case_dates(case, event.ended_on, "ends on", _label(event))
        if case.closed_on and event.kind == EventKind.PLACEMENT and event.ended_on is None:
            yield Violation(
                "nothing after the case was closed",
                _label(event),
                f"placement still running on case {case.reference} closed on {case.closed_on}",
            )
    for moment in MonitoringMoment.objects.all():
        case = cases[moment.case_id]
        yield from _case_dates(case, moment.recorded_on, "recorded on", _label(moment))
    items: list[Involvement | Intervention] = [
        *Involvement.objects.all(),
        *Intervention.objects.all(),
    ]
    for item in items:
        case = cases[item.case_id]
        yield from _case_dates(case, item.started_on, "starts on", _label(item))
        yield from _case_dates(case, item.ended_on, "ends on", _label(item))


def monitoring_rules() -> Iterator[Violation]:
    """``monitoring.rules.moment_errors``, as ``record_moment`` applies it, with the scores."""
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for moment_id, goal_id, score in GoalScore.objects.values_list("moment_id", "goal_id", "score"):
        scores[moment_id][goal_id] = score
    for moment in MonitoringMoment.objects.all():
        for field, message in moment_errors(moment, scores[moment.pk]).items():
            yield Violation(f"monitoring rule ({field})", _label(moment), str(message))


# --- Learning apps --------------------------------------------------------------------------------


def bottleneck_state_machine() -> Iterator[Violation]:
    """Each status change is a move the state machine allows from the status before it, with a
    text where one is required, in time order; the bottleneck shows its newest change; only a
    solved bottleneck is published; comments and "wij ook" come after it was raised."""
    rule = "knelpunt state machine"
    for bottleneck in Bottleneck.objects.prefetch_related("history", "comments", "endorsements"):
        label = _label(bottleneck)
        changes = sorted(bottleneck.history.all(), key=lambda c: (c.at, c.pk))
        if not changes or changes[0].status != Status.REPORTED or changes[0].from_status:
            yield Violation(rule, label, "the history does not start with 'reported'")
            continue
        for before, change in pairwise(changes):
            if change.from_status != before.status:
                yield Violation(rule, label, f"change {change.pk} does not follow {before.status}")
            if Status(change.status) not in TRANSITIONS[Status(before.status)]:
                yield Violation(rule, label, f"{before.status} cannot become {change.status}")
            if Status(change.status) in TEXT_REQUIRED and not change.text.strip():
                yield Violation(rule, label, f"change {change.pk} to {change.status} has no text")
        newest = changes[-1]
        if (bottleneck.status, bottleneck.due_on) != (newest.status, newest.due_on):
            yield Violation(rule, label, "status or due date differs from the newest change")
        if changes[0].at < bottleneck.created_at:
            yield Violation(rule, label, "the history starts before the bottleneck was raised")
        if bottleneck.published_at and bottleneck.status != Status.SOLVED:
            yield Violation(rule, label, "published but not solved")
        later_rows: list[Comment | Endorsement] = [
            *bottleneck.comments.all(),
            *bottleneck.endorsements.all(),
        ]
        for later in later_rows:
            if later.created_at < bottleneck.created_at:
                yield Violation(rule, _label(later), "written before the bottleneck was raised")


def knowledge_rules() -> Iterator[Violation]:
    """A reflection session is not in the future (``SessionForm.clean_held_on``, covered by the
    date rule) and a lesson is shared after the session; an initiative walked the ontwikkelcirkel
    stage by stage (``advance_initiative``): one record per stage it passed, in order."""
    for session in ReflectionSession.objects.all():
        if session.shared_at and timezone.localdate(session.shared_at) < session.held_on:
            yield Violation("lesson shared after the session", _label(session), "shared before")
    order = list(Stage)
    for initiative in ImprovementInitiative.objects.prefetch_related("records"):
        passed = [Stage(r.stage) for r in initiative.records.order_by("recorded_at", "pk")]
        expected = order[: order.index(Stage(initiative.stage))]
        if initiative.finished and passed[-1:] == [Stage.NEW_QUESTION]:
            expected = [*expected, Stage.NEW_QUESTION]
        if passed != expected:
            yield Violation(
                "ontwikkelcirkel walked stage by stage",
                _label(initiative),
                f"records {[s.value for s in passed]} at stage {initiative.stage}",
            )


def review_rules() -> Iterator[Violation]:
    """``reviews.actions.answer_errors`` (a part is not larger than its whole), as
    ``save_review`` applies it, and a handed-in review answers every item of its round."""
    for review in Review.objects.select_related("dossier__round").prefetch_related("answers"):
        items = list(review.dossier.round.items.select_related("part_of"))
        values: dict[int, object] = {
            a.item_id: a.number if a.number is not None else a.choice for a in review.answers.all()
        }
        for field, message in answer_errors(items, values).items():
            yield Violation(f"review answer rule ({field})", _label(review), str(message))
        if review.is_submitted and any(values.get(item.pk) in (None, "") for item in items):
            yield Violation("a handed-in review answers every item", _label(review), "unanswered")


# --- All of it ------------------------------------------------------------------------------------


def _rows() -> Iterator[models.Model]:
    for label in CHECKED_APPS:
        for model in apps.get_app_config(label).get_models():
            yield from model._default_manager.all()


def violations(now: datetime | None = None) -> list[Violation]:
    """Every broken rule in the database, one per rule and row."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows: list[Any] = list(_rows())
    found = [
        *model_validation(rows),
        *no_future_dates(rows, now),
        *timeline_rules(today),
        *within_the_case(),
        *monitoring_rules(),
        *bottleneck_state_machine(),
        *knowledge_rules(),
        *review_rules(),
    ]
    return found


def summary(found: list[Violation]) -> dict[str, int]:
    """How many rows break each rule."""
    counts: dict[str, int] = defaultdict(int)
    for violation in found:
        counts[violation.rule] += 1
    return dict(sorted(counts.items()))
