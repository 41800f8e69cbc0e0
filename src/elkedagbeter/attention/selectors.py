"""Reads for the attention list, scoped at the source through ``cases.selectors``."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from statistics import median
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import case_grant, cases_visible_to
from elkedagbeter.core.privacy import (
    THRESHOLD,
    ProtectedCount,
    Relation,
    protect_count,
    suppress,
)
from elkedagbeter.organisations.models import Role, Team, TeamType
from elkedagbeter.organisations.scoping import (
    Area,
    aggregate_area,
    case_team_ids,
    expert_team_ids,
    team_ids_with_role,
    team_membership,
)
from elkedagbeter.prepared import prepared

from .models import (
    Answer,
    Consultation,
    FollowUp,
    Rule,
    SetAsideReason,
    Signal,
    Status,
    Theme,
    Triage,
)
from .reasons import reason

# On every case page (elkedagbeter/prepared.py).
_OPEN_SIGNALS = prepared(
    lambda case_id: Signal.objects.filter(case_id=case_id, status=Status.OPEN), case_id=int
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User


class Scope(StrEnum):
    MINE = "mijn"
    TEAM = "team"


def scopes_for(user: User | AnonymousUser) -> list[Scope]:
    scopes = []
    if team_ids_with_role(user, Role.PROFESSIONAL):
        scopes.append(Scope.MINE)
    if team_ids_with_role(user, Role.COORDINATOR):
        scopes.append(Scope.TEAM)
    return scopes


def attention_cases(user: User | AnonymousUser, scope: Scope) -> QuerySet[Case]:
    """Open cases on the list: a professional's own cases (they are the casusregisseur, or
    the case has none yet) in their teams; a coordinator's whole team."""
    cases = cases_visible_to(user).filter(closed_on__isnull=True)
    if scope == Scope.TEAM:
        return cases.filter(team_id__in=team_ids_with_role(user, Role.COORDINATOR))
    own_teams = team_ids_with_role(user, Role.PROFESSIONAL)
    return cases.filter(team_id__in=own_teams).filter(
        Q(case_manager_id=user.pk) | Q(case_manager__isnull=True)
    )


@dataclass(frozen=True)
class SignalLine:
    id: int
    rule: str
    rule_label: str
    reason: str
    raised_on: date
    weight: int


@dataclass(frozen=True)
class AttentionLine:
    reference: str
    team_id: int
    team: str
    signals: list[SignalLine]

    @property
    def weight(self) -> int:
        return max(s.weight for s in self.signals)

    @property
    def rank_key(self) -> tuple[int, int, date]:
        return (-self.weight, -len(self.signals), min(s.raised_on for s in self.signals))


def attention_list(user: User | AnonymousUser, scope: Scope) -> list[AttentionLine]:
    """Cases with open signals, most urgent first: the heaviest signal, then how many, then
    how long they have waited."""
    cases = attention_cases(user, scope)
    rows = (
        Signal.objects.filter(case__in=cases, status=Status.OPEN)
        .values_list(
            "id",
            "rule",
            "detail",
            "raised_on",
            "weight",
            "case__reference",
            "case__team_id",
            "case__team__name",
        )
        .order_by("-weight", "raised_on", "id")
    )
    by_case: dict[tuple[str, int, str], list[SignalLine]] = defaultdict(list)
    labels = dict(Rule.choices)
    for pk, rule, detail, raised_on, weight, reference, team_id, team in rows:
        by_case[(reference, team_id, team)].append(
            SignalLine(
                pk, rule, str(labels.get(rule, rule)), reason(rule, detail), raised_on, weight
            )
        )
    lines = [AttentionLine(*key, signals) for key, signals in by_case.items()]
    return sorted(lines, key=lambda line: line.rank_key)


def open_signals_of(user: User | AnonymousUser, case: Case) -> list[SignalLine]:
    """The open signals of one case the user may see (for the case page)."""
    if case_grant(user, case) is None:
        return []
    labels = dict(Rule.choices)
    return [
        SignalLine(
            s.pk,
            s.rule,
            str(labels.get(s.rule, s.rule)),
            reason(s.rule, s.detail),
            s.raised_on,
            s.weight,
        )
        for s in _OPEN_SIGNALS.list(case_id=case.pk, known={"case": case})
    ]


# --- Figures: which rules help ---------------------------------------------------------------


@dataclass(frozen=True)
class RuleFigures:
    rule: str
    label: str
    acted: ProtectedCount
    set_aside: ProtectedCount
    open: ProtectedCount
    reasons: dict[str, ProtectedCount]


def rule_figures(area: Area) -> list[RuleFigures]:
    """Per rule: how often a team acted on a signal, set it aside (and why), or left it open;
    small counts hidden."""
    if area.is_empty:
        return []
    rows = (
        Signal.objects.filter(area.team_q("case__team__"))
        .exclude(status=Status.CLEARED)
        .values("rule", "status", "set_aside_reason")
        .annotate(n=Count("id"))
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reasons: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[row["rule"]][row["status"]] += row["n"]
        if row["status"] == Status.SET_ASIDE:
            reasons[row["rule"]][row["set_aside_reason"]] += row["n"]
    return [
        _protected_row(rule, str(label), counts[rule], reasons[rule])
        for rule, label in Rule.choices
    ]


def _protected_row(
    rule: str, label: str, counts: dict[str, int], reasons: dict[str, int]
) -> RuleFigures:
    """Small counts hidden, and the set-aside reasons protected against subtraction from
    their total."""
    reason_keys = [f"reason:{code}" for code in sorted(reasons)]
    values = {
        "acted": counts[Status.ACTED],
        "set_aside": counts[Status.SET_ASIDE],
        "open": counts[Status.OPEN],
        **{f"reason:{code}": n for code, n in reasons.items()},
    }
    relations = [Relation("set_aside", tuple(reason_keys))] if reason_keys else []
    protected = suppress(values, relations)
    labels = dict(SetAsideReason.choices)
    return RuleFigures(
        rule=rule,
        label=label,
        acted=protected["acted"],
        set_aside=protected["set_aside"],
        open=protected["open"],
        reasons={str(labels.get(k[7:], k[7:])): protected[k] for k in reason_keys},
    )


# --- Consultations of the expert team ----------------------------------------------------------


def consultations_visible_to(user: User | AnonymousUser) -> QuerySet[Consultation]:
    """Expert teams see what they were asked; the asking team sees what it asked. Nobody
    else, and the expert team never gets the case file through it."""
    experts = expert_team_ids(user)
    own = case_team_ids(user)
    if not experts and not own:
        return Consultation.objects.none()
    return Consultation.objects.filter(
        Q(expert_team_id__in=experts) | Q(case__team_id__in=own)
    ).select_related("case__team", "expert_team")


def consultation_side(user: User | AnonymousUser, consultation: Consultation) -> str | None:
    """'expert' for the consulted team, 'asker' for the case's team, else None."""
    if team_membership(user, consultation.expert_team_id, Role.EXPERT) is not None:
        return "expert"
    if team_membership(user, consultation.case.team_id, Role.PROFESSIONAL, Role.COORDINATOR):
        return "asker"
    return None


def due_follow_ups(user: User | AnonymousUser) -> list[FollowUp]:
    """The asker's follow-up questions that are due (on their attention list)."""
    if user.pk is None:
        return []
    return list(
        FollowUp.objects.filter(
            consultation__asked_by_id=user.pk,
            answered_at__isnull=True,
            due_on__lte=timezone.localdate(),
        ).select_related("consultation__case", "consultation__expert_team")
    )


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    label: str
    count: ProtectedCount
    raisable: bool


@dataclass(frozen=True)
class ExpertFigures:
    team: Team
    norm_days: int
    asked: ProtectedCount
    answered_within_norm: ProtectedCount
    answered_late: ProtectedCount
    waiting: ProtectedCount
    median_days: float | None
    outcomes: dict[str, ProtectedCount]
    helped: dict[str, ProtectedCount]
    stabilised: dict[str, ProtectedCount]
    themes: list[ThemeRow]


def expert_figure_teams(user: User | AnonymousUser) -> list[Team]:
    """Experts see their own team; analysts and viewers the expert teams of their area."""
    area = aggregate_area(user)
    teams = Team.objects.filter(team_type=TeamType.EXPERT).select_related("region")
    if area.is_empty:
        return list(teams.filter(pk__in=expert_team_ids(user)))
    return list(teams.filter(area.team_q() | Q(pk__in=expert_team_ids(user))))


def expert_figures(team: Team, norm_days: int) -> ExpertFigures:
    rows = list(
        Consultation.objects.filter(expert_team=team).values_list(
            "asked_at", "triaged_at", "triage", "theme"
        )
    )
    days = sorted((t - a).total_seconds() / 86400 for a, t, _tr, _th in rows if t is not None)
    within = sum(1 for d in days if d <= norm_days)
    outcomes = Counter(tr for _a, _t, tr, _th in rows if tr)
    themes = Counter(th for _a, _t, _tr, th in rows if th)
    follow = list(
        FollowUp.objects.filter(
            consultation__expert_team=team, answered_at__isnull=False
        ).values_list("helped", "stabilised")
    )
    labels = dict(Answer.choices)
    theme_labels = dict(Theme.choices)

    def counted(counter: Counter[str], names: dict[str, Any]) -> dict[str, ProtectedCount]:
        keys = [str(names[k]) for k in names]
        values = {str(names[k]): counter.get(k, 0) for k in names}
        return {k: protect_count(values[k]) for k in keys}

    return ExpertFigures(
        team=team,
        norm_days=norm_days,
        asked=protect_count(len(rows)),
        answered_within_norm=protect_count(within),
        answered_late=protect_count(len(days) - within),
        waiting=protect_count(len(rows) - len(days)),
        median_days=round(median(days), 1) if len(days) >= THRESHOLD else None,
        outcomes=counted(outcomes, dict(Triage.choices)),
        helped=counted(Counter(h for h, _s in follow), labels),
        stabilised=counted(Counter(s for _h, s in follow), labels),
        themes=[
            ThemeRow(code, str(theme_labels[code]), protect_count(n), n >= THRESHOLD)
            for code, n in themes.most_common()
        ],
    )
