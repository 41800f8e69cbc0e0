""" "Wat is er met mijn signaal gebeurd?": what became of the signals a user gave.

A user's signals are the knelpunten they raised (on their own or from a case of their team) and
the dossier review rounds of their expert team they took part in (as a reviewer or as the one
who set the round up), with the knelpunten raised from those rounds' conclusions.

Scoping: the raiser sees their own knelpunten (``raised_by``), with the status history, the body
that holds the mandate, the decision and, where the user may see figures of the decision's place,
its measured effect. The case a knelpunt came from is named only to those who may work on that
case (``bottlenecks.selectors.case_link_visible``): a professional who left the team keeps the
knelpunt but no longer sees the case. Rounds come from ``reviews.selectors.rounds_of_own_teams``.

Unread: an item is new when someone else changed it after the user last opened the page (a
status change, a decision, a round that closed). The header counts the new items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from elkedagbeter.bottlenecks.models import Bottleneck, StatusChange
from elkedagbeter.bottlenecks.selectors import case_link_visible
from elkedagbeter.indicators.decisions import place_of
from elkedagbeter.indicators.effects import Effect, measure_effect
from elkedagbeter.indicators.places import may_see_place
from elkedagbeter.indicators.registry import BY_CODE as INDICATORS
from elkedagbeter.indicators.views import FIGURE_ROLES
from elkedagbeter.organisations.scoping import expert_team_ids, has_role
from elkedagbeter.prepared import prepared
from elkedagbeter.reviews.models import Conclusion, ReviewRound, RoundStatus
from elkedagbeter.reviews.selectors import rounds_of_own_teams

from .models import SignalSeen

if TYPE_CHECKING:
    from elkedagbeter.accounts.models import User


def _has_decision_field() -> bool:
    """Whether knelpunten record their decision yet (a field added alongside this page)."""
    return any(f.name == "decision" for f in Bottleneck._meta.get_fields())


def decision_of(bottleneck: Bottleneck) -> Any:
    return getattr(bottleneck, "decision", None)


# --- What the page shows -------------------------------------------------------------------------


@dataclass
class KnelpuntFeedback:
    bottleneck: Bottleneck
    steps: list[StatusChange]
    decision: Any = None
    effects: list[Effect] = field(default_factory=list)
    case_reference: str = ""  # empty unless the user may work on the case
    is_new: bool = False


@dataclass
class ConclusionFeedback:
    conclusion: Conclusion
    knelpunt: KnelpuntFeedback | None


@dataclass
class RoundFeedback:
    round: ReviewRound
    conclusions: list[ConclusionFeedback]
    has_findings: bool  # the findings page exists once the round is under way
    is_new: bool = False


@dataclass
class Feedback:
    raised: list[KnelpuntFeedback]
    flagged: list[KnelpuntFeedback]  # raised from a case
    rounds: list[RoundFeedback]
    seen_at: datetime | None
    mail_on_change: bool

    @property
    def is_empty(self) -> bool:
        return not (self.raised or self.flagged or self.rounds)


def _rounds(user: User) -> QuerySet[ReviewRound]:
    return (
        rounds_of_own_teams(user)
        .filter(Q(reviewers=user) | Q(created_by=user))
        .distinct()
        .order_by("-created_at", "-id")
    )


def _related() -> list[str]:
    related = ["body", "region", "case"]
    if _has_decision_field():
        related += ["decision__region", "decision__municipality", "decision__team"]
    return related


def _history() -> QuerySet[StatusChange]:
    return StatusChange.objects.select_related("body").order_by("at", "id")


def _with_history(found: QuerySet[Bottleneck]) -> QuerySet[Bottleneck]:
    return found.select_related(*_related()).prefetch_related(Prefetch("history", _history()))


def _changed_by_others(bottleneck: Bottleneck, user: User) -> datetime | None:
    times = [c.at for c in bottleneck.history.all() if c.actor_id != user.pk]
    decision = decision_of(bottleneck)
    if decision is not None and decision.decided_by_id != user.pk:
        times.append(decision.decided_at)
    return max(times, default=None)


def _is_new(changed: datetime | None, seen: datetime | None) -> bool:
    return changed is not None and (seen is None or changed > seen)


def _effects(user: User, decision: Any) -> list[Effect]:
    if decision is None or not has_role(user, *FIGURE_ROLES):
        return []
    place = place_of(decision)
    if not may_see_place(user, place):
        return []
    return [
        measure_effect(code, area=place, changed_on=decision.starts_on)
        for code in decision.indicator_codes
        if code in INDICATORS
    ]


def _knelpunt(user: User, bottleneck: Bottleneck, seen: datetime | None) -> KnelpuntFeedback:
    decision = decision_of(bottleneck)
    visible = bottleneck.case is not None and case_link_visible(user, bottleneck)
    return KnelpuntFeedback(
        bottleneck=bottleneck,
        steps=list(bottleneck.history.all()),
        decision=decision,
        effects=_effects(user, decision),
        case_reference=bottleneck.case.reference if visible and bottleneck.case else "",
        is_new=_is_new(_changed_by_others(bottleneck, user), seen),
    )


def _round(user: User, round_: ReviewRound, seen: datetime | None) -> RoundFeedback:
    conclusions = [
        ConclusionFeedback(
            c, _knelpunt(user, c.bottleneck, seen) if c.bottleneck is not None else None
        )
        for c in round_.conclusions.all()
    ]
    closed_new = round_.closed_at is not None and (seen is None or round_.closed_at > seen)
    return RoundFeedback(
        round=round_,
        conclusions=conclusions,
        has_findings=round_.status != RoundStatus.PREPARING,
        is_new=closed_new or any(c.knelpunt and c.knelpunt.is_new for c in conclusions),
    )


def seen_record(user: User) -> SignalSeen | None:
    return SignalSeen.objects.filter(user=user).first()


def feedback_for(user: User) -> Feedback:
    """Everything the page shows, as it stood before this visit (what is new stays marked)."""
    record = seen_record(user)
    seen = record.last_seen_at if record else None
    own = list(_with_history(Bottleneck.objects.filter(raised_by=user)))
    items = [_knelpunt(user, b, seen) for b in own]
    related = [f"bottleneck__{name}" for name in _related()]
    rounds = _rounds(user).prefetch_related(
        Prefetch("conclusions", Conclusion.objects.select_related(*related).order_by("id")),
        Prefetch("conclusions__bottleneck__history", _history()),
    )
    return Feedback(
        raised=[i for i in items if i.bottleneck.case_id is None],
        flagged=[i for i in items if i.bottleneck.case_id is not None],
        rounds=[_round(user, r, seen) for r in rounds],
        seen_at=seen,
        mail_on_change=bool(record and record.mail_on_change),
    )


def mark_seen(user: User) -> None:
    SignalSeen.objects.update_or_create(user=user, defaults={"last_seen_at": timezone.now()})


def set_mail(user: User, *, on: bool) -> None:
    SignalSeen.objects.update_or_create(user=user, defaults={"mail_on_change": on})


# --- The header's count --------------------------------------------------------------------------


EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _news(user_id: int) -> Q:
    """Knelpunten someone else changed since the user last read the page, as a condition on
    knelpunten annotated with ``since``."""
    changed = StatusChange.objects.filter(bottleneck=OuterRef("pk"), at__gt=OuterRef("since"))
    news = Q(Exists(changed.exclude(actor_id=user_id)))
    if _has_decision_field():  # spelled as strings: the field arrives with the decisions work
        news |= Q(**{"decision__decided_at__gt": F("since")}) & ~Q(
            **{"decision__decided_by": user_id}
        )
    return news


def _since(user_id: int) -> Coalesce:
    """When the user last opened the page, or long ago."""
    return Coalesce(
        Subquery(SignalSeen.objects.filter(user_id=user_id).values("last_seen_at")[:1]),
        Value(EPOCH),
    )


def _knelpunten_since_seen(user_id: int) -> QuerySet[Bottleneck]:
    return Bottleneck.objects.annotate(since=_since(user_id))


# On every page: compiled once (elkedagbeter/prepared.py), counted afresh on every page.
_OWN_NEWS = prepared(
    lambda user_id: _knelpunten_since_seen(user_id).filter(_news(user_id), raised_by_id=user_id),
    user_id=int,
)


def unread_count(user: User) -> int:
    """How many items of the page someone else changed since the user last opened it; the
    same rule as ``is_new`` above. One query for the knelpunten; review rounds only for those
    who take part in them."""
    own = _OWN_NEWS.count(user_id=user.pk)
    if not expert_team_ids(user):
        return own
    knelpunten = _knelpunten_since_seen(user.pk)
    rounds = _rounds(user).annotate(since=_since(user.pk))
    from_conclusions = knelpunten.filter(_news(user.pk), review_conclusions__round=OuterRef("pk"))
    new_rounds = rounds.filter(Q(closed_at__gt=F("since")) | Q(Exists(from_conclusions)))
    return own + new_rounds.count()
