"""The rules a timeline obeys. The database enforces what it can (check constraints); these
checks add what needs today's date or other rows, and give every rule a clear Dutch message."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import (
    AGREEMENT_FIELDS,
    POINT_EVENTS,
    YOUTH_EVENTS,
    Agreement,
    Event,
    EventKind,
    LegalBasis,
    ResidenceType,
)

# A year: no seclusion lasts longer, and any number up to it fits every database's integer.
MAX_DURATION_MINUTES = 525_600


def _overlaps(first: Event, second: Event) -> bool:
    first_end = first.ended_on or date.max
    second_end = second.ended_on or date.max
    return first.started_on <= second_end and second.started_on <= first_end


def event_errors(event: Event, today: date, others: list[Event]) -> dict[str, str]:
    """Every rule the event breaks, by field. ``others``: the case's other events."""
    errors: dict[str, str] = {}
    if event.started_on and event.started_on > today:
        errors["started_on"] = _("An event cannot lie in the future.")
    if event.ended_on and event.ended_on > today:
        errors["ended_on"] = _("An end date cannot lie in the future; add it when it happens.")
    if event.ended_on and event.started_on and event.ended_on < event.started_on:
        errors["ended_on"] = _("The end date lies before the start date.")
    if event.kind == EventKind.PLACEMENT:
        errors.update(_placement_errors(event, others))
    else:
        for name in AGREEMENT_FIELDS:
            if getattr(event, name):
                errors[name] = _("Agreement is recorded on an out-of-home placement only.")
    errors.update(_incident_errors(event, others))
    duration = event.duration_minutes
    if duration is not None and not 0 < duration <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = _(
            "A duration is a whole number of minutes from 1 to %(max)d (a year)."
        ) % {"max": MAX_DURATION_MINUTES}
    elif event.kind == EventKind.SECLUSION and not event.duration_minutes:
        errors["duration_minutes"] = _("A seclusion needs its duration in minutes.")
    if event.kind == EventKind.SECLUSION and not event.place.strip():
        errors["place"] = _("A seclusion needs the place where it happened.")
    if event.kind == EventKind.TRANSFER:
        if not event.from_setting.strip():
            errors["from_setting"] = _("A transfer needs the place the youth came from.")
        if not event.to_setting.strip():
            errors["to_setting"] = _("A transfer needs the place the youth went to.")
    return errors


def _placement_errors(event: Event, others: list[Event]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not event.residence_type:
        errors["residence_type"] = _("Choose the type of residential care.")
    if event.member_id is None:
        errors["member"] = _("Choose the youth who is placed.")
    if event.residence_type == ResidenceType.CLOSED and (
        event.legal_basis != LegalBasis.CLOSED_CARE_ORDER
    ):
        errors["legal_basis"] = _(
            "A closed placement needs a closed youth care order (machtiging gesloten jeugdhulp)."
        )
    parents = (event.parent_agreed, event.other_parent_agreed)
    if event.legal_basis == LegalBasis.VOLUNTARY and Agreement.NO in parents:
        errors["legal_basis"] = _(
            "A voluntary placement needs the agreement of every parent with parental authority. "
            "If a court decided, record the court order as the legal basis."
        )
    if event.started_on and event.member_id is not None and "member" not in errors:
        clash = next(
            (
                other
                for other in others
                if other is not event
                and (other.pk is None or other.pk != event.pk)
                and other.kind == EventKind.PLACEMENT
                and other.member_id == event.member_id
                and _overlaps(event, other)
            ),
            None,
        )
        if clash is not None:
            errors["started_on"] = _(
                "This youth already has a placement in that period (from %(date)s). "
                "End that placement first, or record a transfer."
            ) % {"date": clash.started_on.strftime("%d-%m-%Y")}
    return errors


def _same_youth(event: Event, others: list[Event], kind: str) -> list[Event]:
    return [
        other
        for other in others
        if other is not event
        and (other.pk is None or other.pk != event.pk)
        and other.kind == kind
        and other.member_id == event.member_id
    ]


def _incident_errors(event: Event, others: list[Event]) -> dict[str, str]:
    """The rules of the critical incidents added for the zero goals (issue 18)."""
    errors: dict[str, str] = {}
    if event.kind in YOUTH_EVENTS and event.member_id is None:
        errors["member"] = _("Choose the youth this happened to.")
    if event.kind in POINT_EVENTS and event.ended_on:
        errors["ended_on"] = _("This event happens on one day; leave the end date empty.")
    if event.kind == EventKind.DIAGNOSIS and not event.diagnosis:
        errors["diagnosis"] = _("Choose the diagnosis.")
    elif event.kind != EventKind.DIAGNOSIS and event.diagnosis:
        errors["diagnosis"] = _("A diagnosis is recorded on a diagnosis event only.")
    if event.reason_explained and event.kind != EventKind.PLACEMENT:
        errors["reason_explained"] = _(
            "Whether the reason was explained is recorded on a placement only."
        )
    if event.seclusion_form and event.kind != EventKind.SECLUSION:
        errors["seclusion_form"] = _("The form of seclusion is recorded on a seclusion only.")
    if event.end_kind and event.kind != EventKind.PLACEMENT:
        errors["end_kind"] = _("How it ended is recorded on a placement only.")
    elif event.end_kind and not event.ended_on:
        errors["end_kind"] = _("Fill in the end date of the placement first.")
    if "member" in errors or event.member_id is None or not event.started_on:
        return errors
    if event.kind == EventKind.SUICIDE and _same_youth(event, others, EventKind.SUICIDE):
        errors["kind"] = _("A suicide is already recorded for this youth.")
    if event.kind == EventKind.RETURN_HOME and not any(
        placement.started_on <= event.started_on
        for placement in _same_youth(event, others, EventKind.PLACEMENT)
    ):
        errors["kind"] = _(
            "A return home follows a placement: record the placement of this youth first."
        )
    return errors


def validate_event(event: Event, today: date, others: list[Event]) -> None:
    errors = event_errors(event, today, others)
    if errors:
        raise ValidationError(errors)
