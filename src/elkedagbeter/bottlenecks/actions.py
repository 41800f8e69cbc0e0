"""Important writes on bottlenecks: raising, routing, moving through the state machine,
comments, "wij ook", publishing and the e-mails that go with them. Each owns its transaction.

Free text is de-identified with deduce before it is stored: a bottleneck leaves the team.

Each write takes an optional ``at``: when it happened, now unless given. Users never give it;
the demo does, to replay a bottleneck's history in the past through the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.actions import log_case_read
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.indicators.decisions import DecisionInput, DecisionProblem, record_decision
from elkedagbeter.indicators.models import Decision
from elkedagbeter.organisations.models import Municipality, Region, Team

from . import routing
from .links import check_links, set_links
from .models import (
    AWAITING_RESPONSE,
    CLOSED,
    DEFAULT_LEVEL,
    TEXT_REQUIRED,
    TRANSITIONS,
    Bottleneck,
    Category,
    Comment,
    Endorsement,
    OverdueNotice,
    ResponsibleBody,
    Status,
    StatusChange,
    next_level,
)
from .selectors import acts_for_body, allowed_moves, may_endorse, may_publish, may_raise


@dataclass(frozen=True)
class Draft:
    """What the reporter gives; the place comes from their team or, for analysts, their area."""

    region: Region
    category: str
    title: str
    description: str = ""
    level: str = ""  # empty: the category's usual level
    municipality: Municipality | None = None
    team: Team | None = None
    age_band: str = ""
    zero_goals: tuple[str, ...] = ()  # zero-goal codes it concerns
    statements: tuple[str, ...] = ()  # child-perspective statement codes it touches
    from_pattern_id: int | None = None  # the story pattern it was raised about, if any


def _notify_body(bottleneck: Bottleneck, subject: str, body_text: str) -> None:
    """E-mail the body's contact address and its handlers, after the transaction commits."""
    recipients = recipients_of(bottleneck.body)
    if not recipients:
        return

    def send() -> None:
        send_mail(subject, body_text, None, recipients)

    transaction.on_commit(send)


def recipients_of(body: ResponsibleBody) -> list[str]:
    addresses = {body.contact_email} | {
        email for email in body.handlers.filter(is_active=True).values_list("email", flat=True)
    }
    return sorted(address for address in addresses if address)


def _link(bottleneck: Bottleneck) -> str:
    return settings.SITE_URL + reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})


def _landing_mail(bottleneck: Bottleneck) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Bottleneck %(number)s for %(body)s: %(title)s") % {
            "number": bottleneck.number,
            "body": bottleneck.body,
            "title": bottleneck.title,
        }
        text = _(
            "A bottleneck has been routed to %(body)s (%(category)s).\n\n%(title)s\n\n"
            "Respond by %(due)s: %(link)s"
        ) % {
            "body": bottleneck.body,
            "category": bottleneck.get_category_display(),
            "title": bottleneck.title,
            "due": bottleneck.due_on.strftime("%d-%m-%Y") if bottleneck.due_on else "-",
            "link": _link(bottleneck),
        }
    _notify_body(bottleneck, subject, text)


def _record(
    bottleneck: Bottleneck,
    *,
    actor: User,
    acted_for: str,
    status: Status,
    text: str,
    routing_note: str = "",
    first: bool = False,
    at: datetime,
) -> StatusChange:
    """Append a status change and bring the bottleneck's current fields in line with it."""
    due = routing.due_on(bottleneck.region, bottleneck.category, status, timezone.localdate(at))
    change = StatusChange.objects.create(
        bottleneck=bottleneck,
        from_status="" if first else bottleneck.status,
        status=status,
        body=bottleneck.body,
        level=bottleneck.level,
        text=text,
        routing_note=routing_note,
        actor=actor,
        acted_for=acted_for,
        at=at,
        due_on=due,
    )
    bottleneck.status = status
    bottleneck.due_on = due
    return change


def _reporter_label(draft: Draft) -> str:
    if draft.team is not None:
        return draft.team.name
    return str(draft.municipality or draft.region)


@transaction.atomic
def raise_bottleneck(
    actor: User, draft: Draft, *, case: Case | None = None, at: datetime | None = None
) -> Bottleneck:
    """Raise a bottleneck, route it and tell the body. The text is de-identified first."""
    at = at or timezone.now()
    if not may_raise(actor):
        raise PermissionDenied
    if draft.category not in Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    check_links(draft.zero_goals, draft.statements)
    level = draft.level or DEFAULT_LEVEL[Category(draft.category)]
    found = routing.route(draft.region, draft.category, level, draft.municipality)
    bottleneck = Bottleneck(
        region=draft.region,
        municipality=draft.municipality,
        category=draft.category,
        title=deidentify(draft.title.strip())[:160],
        description=deidentify(draft.description.strip()),
        age_band=draft.age_band,
        raised_by=actor,
        raised_by_team=draft.team,
        case=case,
        from_pattern_id=draft.from_pattern_id,
        routed_by=found.rule,
        routing_note=found.note,
        level=level,
        body=found.body,
        created_at=at,
    )
    bottleneck.save()
    _record(
        bottleneck,
        actor=actor,
        acted_for=_reporter_label(draft),
        status=Status.REPORTED,
        text="",
        routing_note=found.note,
        first=True,
        at=at,
    )
    bottleneck.save(update_fields=["status", "due_on"])
    set_links(bottleneck, draft.zero_goals, draft.statements)
    _landing_mail(bottleneck)
    return bottleneck


def raise_from_case(request: HttpRequest, case: Case, grant: CaseGrant, draft: Draft) -> Bottleneck:
    """Raise a bottleneck from a case: the case's context was read for it, so the read is
    logged on the case. The bottleneck keeps a link that only the case's teams ever see."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    with transaction.atomic():
        bottleneck = raise_bottleneck(request.user, draft, case=case)
        log_case_read(request, case, grant, reason=f"knelpunt {bottleneck.number}")
    return bottleneck


def _acted_for(actor: User, bottleneck: Bottleneck) -> str:
    if acts_for_body(actor, bottleneck):
        return bottleneck.body.name
    return bottleneck.raised_by_team.name if bottleneck.raised_by_team else ""


@transaction.atomic
def transition(
    actor: User,
    bottleneck: Bottleneck,
    status: Status,
    text: str = "",
    *,
    decision: DecisionInput | None = None,
    at: datetime | None = None,
) -> StatusChange:
    """Move the bottleneck if the state machine and the actor's part allow it. Escalating
    routes it to the body at the next level; reopening gives it back to the current body.
    Solving it records ``decision`` (what changes, where, from when, which indicators), in the
    same transaction; the raiser hears what became of it."""
    at = at or timezone.now()
    given = bottleneck
    bottleneck = (
        Bottleneck.objects.select_for_update().select_related("body", "region").get(pk=given.pk)
    )
    current = Status(bottleneck.status)
    if status not in TRANSITIONS[current]:
        raise ValidationError(
            {
                "status": _("A bottleneck that is %(current)s cannot become %(new)s.")
                % {"current": current.label, "new": Status(status).label}
            }
        )
    if status not in allowed_moves(actor, bottleneck):
        raise PermissionDenied
    text = text.strip()
    if status in TEXT_REQUIRED and not text:
        raise ValidationError({"text": _("Explain this step; others read it on the bottleneck.")})
    acted_for = _acted_for(actor, bottleneck)
    routing_note = ""
    if status == Status.ESCALATED:
        level = next_level(bottleneck.level)
        assert level is not None  # allowed_moves refuses escalation at the national level
        found = routing.route(
            bottleneck.region, bottleneck.category, level, bottleneck.municipality
        )
        bottleneck.level = level
        bottleneck.body = found.body
        bottleneck.routed_by = found.rule
        bottleneck.routing_note = routing_note = found.note
    if status != Status.SOLVED:
        bottleneck.published_at = None  # only a solved bottleneck stays on the public page
    if bottleneck.first_response_at is None and acts_for_body(actor, bottleneck):
        bottleneck.first_response_at = at
    recorded = None
    if decision is not None and status == Status.SOLVED:
        recorded = _decide(actor, bottleneck, decision)
        bottleneck.decision = recorded
    change = _record(
        bottleneck,
        actor=actor,
        acted_for=acted_for,
        status=status,
        text=deidentify(text),
        routing_note=routing_note,
        at=at,
    )
    bottleneck.save()
    if status in AWAITING_RESPONSE:
        _landing_mail(bottleneck)
    if status in CLOSED:
        _raiser_mail(bottleneck, change, recorded)
    given.refresh_from_db()
    return change


def _decide(actor: User, bottleneck: Bottleneck, given: DecisionInput) -> Decision:
    """Record the decision of a solved bottleneck; its text leaves the team, so no names."""
    cleaned = replace(
        given,
        title=deidentify(given.title.strip()),
        explanation=deidentify(given.explanation.strip()),
    )
    try:
        return record_decision(cleaned, by=actor, origin=f"{bottleneck.number} {bottleneck.title}")
    except DecisionProblem as problem:
        raise ValidationError({f"decision_{problem.field}": str(problem)}) from problem


def _raiser_mail(bottleneck: Bottleneck, change: StatusChange, decision: Decision | None) -> None:
    """Tell whoever raised the bottleneck that it was closed, and what was decided from when."""
    address = bottleneck.raised_by.email
    if not address:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your bottleneck %(number)s: %(status)s") % {
            "number": bottleneck.number,
            "status": Status(change.status).label.lower(),
        }
        text = _("%(title)s\n\n%(body)s: %(status)s.\n\n%(explanation)s") % {
            "title": bottleneck.title,
            "body": bottleneck.body,
            "status": Status(change.status).label.lower(),
            "explanation": change.text,
        }
        if decision is not None:
            text += "\n\n" + _(
                "Decided: %(decision)s\nFrom: %(date)s\nWhere: %(place)s\n"
                "The platform measures whether it moves the figures; you find the effect on the "
                "bottleneck's page."
            ) % {
                "decision": decision.title,
                "date": decision.starts_on.strftime("%d-%m-%Y"),
                "place": decision.place_label,
            }
        text += "\n\n" + _link(bottleneck)

    def send() -> None:
        send_mail(subject, text, None, [address])

    transaction.on_commit(send)


@transaction.atomic
def add_comment(
    actor: User, bottleneck: Bottleneck, text: str, *, at: datetime | None = None
) -> Comment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment first.")})
    return Comment.objects.create(
        bottleneck=bottleneck,
        author=actor,
        acted_for=_acted_for(actor, bottleneck),
        text=deidentify(text),
        created_at=at or timezone.now(),
    )


def endorse(
    actor: User, bottleneck: Bottleneck, team: Team | None, *, at: datetime | None = None
) -> Endorsement:
    """ "Wij ook": count another team that meets the same bottleneck."""
    if not may_endorse(actor, bottleneck):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return Endorsement.objects.create(
                bottleneck=bottleneck, user=actor, team=team, created_at=at or timezone.now()
            )
    except IntegrityError as error:  # a second click in another tab
        raise PermissionDenied from error


@transaction.atomic
def publish(
    actor: User, bottleneck: Bottleneck, summary: str, *, at: datetime | None = None
) -> Bottleneck:
    """Show a solved bottleneck on the region's public page, with a de-identified summary."""
    if not may_publish(actor, bottleneck):
        raise PermissionDenied
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Write what was achieved, for the public page.")})
    bottleneck.public_summary = deidentify(summary)
    bottleneck.published_at = at or timezone.now()
    bottleneck.save(update_fields=["public_summary", "published_at"])
    return bottleneck


@transaction.atomic
def unpublish(actor: User, bottleneck: Bottleneck) -> Bottleneck:
    if not acts_for_body(actor, bottleneck):
        raise PermissionDenied
    bottleneck.published_at = None
    bottleneck.save(update_fields=["published_at"])
    return bottleneck


# --- Overdue notices -----------------------------------------------------------------------------


def send_overdue_notices(today: date) -> int:
    """Send one e-mail per passed deadline (the deadline of a bottleneck's newest status
    change), to the body's contact address and its handlers. The notice is claimed before
    sending and rolled back if sending fails, so each deadline is notified once, also when two
    runs overlap."""
    sent = 0
    overdue = (
        Bottleneck.objects.filter(due_on__lt=today)
        .exclude(status__in=CLOSED)
        .select_related("body")
        .order_by("due_on", "id")
    )
    for bottleneck in overdue:
        latest = bottleneck.history.order_by("-at", "-id").first()
        if latest is None or OverdueNotice.objects.filter(status_change=latest).exists():
            continue
        recipients = recipients_of(bottleneck.body)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                OverdueNotice.objects.create(status_change=latest, recipients=", ".join(recipients))
                _send_overdue(bottleneck, recipients)
        except IntegrityError:
            continue  # another run claimed it
        sent += 1
    return sent


def _send_overdue(bottleneck: Bottleneck, recipients: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Overdue: bottleneck %(number)s (%(title)s)") % {
            "number": bottleneck.number,
            "title": bottleneck.title,
        }
        text = _(
            "Bottleneck %(number)s with %(body)s is %(status)s and was due on %(due)s.\n\n"
            "%(title)s\n\n%(link)s"
        ) % {
            "number": bottleneck.number,
            "body": bottleneck.body,
            "status": bottleneck.get_status_display().lower(),
            "due": bottleneck.due_on.strftime("%d-%m-%Y") if bottleneck.due_on else "-",
            "title": bottleneck.title,
            "link": _link(bottleneck),
        }
    send_mail(subject, text, None, recipients)
