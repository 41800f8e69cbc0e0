"""The state machine, driven by hypothesis: random people try random steps with and without an
explanation. No illegal or unauthorised step gets through, every step that should is taken,
and the history stays complete: one row per step, each starting where the previous ended."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import (
    TEXT_REQUIRED,
    TRANSITIONS,
    AppendOnlyError,
    Bottleneck,
    Category,
    Level,
    Status,
    StatusChange,
    next_level,
)

from .conftest import Routed

pytestmark = pytest.mark.postgres  # locks, constraints and claims behave per database

# Who tries: the reporter and their coordinator (team A), a professional of another team,
# and the handlers of each body.
PEOPLE = ["professional", "coordinator", "outsider", "handler", "analyst", "viewer"]


def raise_financing(routed: Routed) -> Bottleneck:
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=Category.FINANCING,
        title="Twee gemeenten betwisten wie de pleegzorg betaalt",
        municipality=world.team_a.municipality,
        team=world.team_a,
    )
    return actions.raise_bottleneck(world.user("professional"), draft)


def may(routed: Routed, who: str, bottleneck: Bottleneck, target: Status) -> bool:
    """The rule the application must follow, written out independently of the selectors."""
    user = routed.handler if who == "handler" else routed.world.user(who)
    handler = bottleneck.body.handlers.filter(pk=user.pk).exists()
    if target == Status.REOPENED:
        return handler or who in {"professional", "coordinator"}
    return handler and (target != Status.ESCALATED or next_level(bottleneck.level) is not None)


class BottleneckMachine(RuleBasedStateMachine):
    routed: Routed

    def __init__(self) -> None:
        super().__init__()
        self.bottleneck = raise_financing(self.routed)
        self.steps = 0

    def user(self, who: str):
        return self.routed.handler if who == "handler" else self.routed.world.user(who)

    @rule(
        who=st.sampled_from(PEOPLE),
        to=st.sampled_from(list(Status)),
        text=st.sampled_from(["", "  ", "Afgestemd met de wethouder"]),
    )
    def step(self, who: str, to: Status, text: str) -> None:
        target = to
        before = Bottleneck.objects.get(pk=self.bottleneck.pk)
        legal = target in TRANSITIONS[Status(before.status)]
        allowed = legal and may(self.routed, who, before, target)
        explained = bool(text.strip()) or target not in TEXT_REQUIRED
        level, body_id = before.level, before.body_id
        if allowed and explained:
            change = actions.transition(self.user(who), before, target, text)
            assert change.status == target
            self.steps += 1
            after = Bottleneck.objects.get(pk=before.pk)
            if target == Status.ESCALATED:
                assert after.level == next_level(level)
                assert after.body_id != body_id
        else:
            with pytest.raises((PermissionDenied, ValidationError)):
                actions.transition(self.user(who), before, target, text)
        self.bottleneck = Bottleneck.objects.get(pk=self.bottleneck.pk)

    @invariant()
    def history_is_complete(self) -> None:
        rows = list(self.bottleneck.history.order_by("at", "id"))
        assert len(rows) == self.steps + 1
        assert rows[0].from_status == "" and rows[0].status == Status.REPORTED
        for earlier, later in pairwise(rows):
            assert later.from_status == earlier.status
            assert Status(later.status) in TRANSITIONS[Status(earlier.status)]
            if later.status in TEXT_REQUIRED:
                assert later.text.strip()
        last = rows[-1]
        assert self.bottleneck.status == last.status
        assert self.bottleneck.body_id == last.body_id
        assert self.bottleneck.level == last.level
        assert self.bottleneck.due_on == last.due_on

    @invariant()
    def levels_only_go_up(self) -> None:
        order = [Level.TEAM, Level.MUNICIPALITY, Level.REGION, Level.NATIONAL]
        levels = [order.index(Level(row.level)) for row in self.bottleneck.history.all()]
        assert levels == sorted(levels)


@pytest.mark.django_db(transaction=False)
def test_no_illegal_transition_and_a_complete_history(routed: Routed) -> None:
    BottleneckMachine.routed = routed
    run_state_machine_as_test(
        BottleneckMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )


def test_history_rows_cannot_be_changed_or_removed(routed: Routed) -> None:
    bottleneck = raise_financing(routed)
    row = bottleneck.history.get()
    row.text = "anders"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(pk=row.pk).update(text="anders")
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(pk=row.pk).delete()


def test_every_step_records_who_when_why_and_for_whom(routed: Routed) -> None:
    bottleneck = raise_financing(routed)
    actions.transition(routed.handler, bottleneck, Status.IN_PROGRESS, "")
    actions.transition(routed.handler, bottleneck, Status.NOT_SOLVABLE, "Wet laat het niet toe")
    rows = list(bottleneck.history.order_by("at", "id"))
    assert [(r.from_status, r.status) for r in rows] == [
        ("", Status.REPORTED),
        (Status.REPORTED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.NOT_SOLVABLE),
    ]
    assert rows[0].actor == routed.world.user("professional")
    assert rows[0].acted_for == "Wijkteam A"
    assert rows[2].actor == routed.handler
    assert rows[2].acted_for == "Gemeente Aa, team Jeugd"
    assert rows[2].text == "Wet laat het niet toe"
    assert rows[2].at - rows[0].at < timedelta(minutes=1)


def test_a_text_is_required_where_the_step_needs_one(routed: Routed) -> None:
    bottleneck = raise_financing(routed)
    with pytest.raises(ValidationError) as refused:
        actions.transition(routed.handler, bottleneck, Status.NOT_SOLVABLE, "   ")
    assert "text" in refused.value.message_dict
    assert bottleneck.history.count() == 1


def test_escalation_stops_at_the_national_level(routed: Routed) -> None:
    bottleneck = raise_financing(routed)
    actions.transition(routed.handler, bottleneck, Status.ESCALATED, "Regionaal oppakken")
    bottleneck.refresh_from_db()
    assert bottleneck.body == routed.regional
    actions.transition(routed.world.user("analyst"), bottleneck, Status.ESCALATED, "Wetgeving")
    bottleneck.refresh_from_db()
    assert (bottleneck.level, bottleneck.body) == (Level.NATIONAL, routed.national)
    with pytest.raises(PermissionDenied):
        actions.transition(routed.world.user("viewer"), bottleneck, Status.ESCALATED, "Hoger")


def test_reopening_takes_it_off_the_public_page(routed: Routed) -> None:
    bottleneck = raise_financing(routed)
    actions.transition(routed.handler, bottleneck, Status.SOLVED, "Afspraak over betaling")
    actions.publish(routed.handler, bottleneck, "De gemeenten betalen voortaan eerst.")
    actions.transition(routed.world.user("coordinator"), bottleneck, Status.REOPENED, "Weer mis")
    bottleneck.refresh_from_db()
    assert bottleneck.published_at is None
    assert bottleneck.status == Status.REOPENED
