"""Importing iJw messages into care episodes: idempotent, corrections replace what they correct."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.cases.actions import add_member, register_case
from elkedagbeter.cases.models import Case, HouseholdMember, MemberRole
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.organisations.models import Region, Role, Team
from elkedagbeter.organisations.scoping import team_membership

from .messages import Invalid, Message, Product, Rejection, parse
from .models import (
    CareEpisode,
    MessageStatus,
    PendingStop,
    ProcessedMessage,
    UnregisteredStatus,
    UnregisteredYouth,
)
from .sync import sync_youths

logger = logging.getLogger(__name__)

NEW, CORRECTION, DELETE = "1", "2", "3"
# How the access log names a youth known only from messages (never the pseudonym).
OBJECT_TYPE_UNREGISTERED = "niet-geregistreerd"


@dataclass
class ImportReport:
    accepted: int = 0
    duplicates: int = 0
    pending_stops: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    saved: bool = True
    # The youths whose episodes changed (pseudonyms only), for the derived events.
    pseudonyms: set[str] = field(default_factory=set)
    cases_updated: int = 0
    unregistered: int = 0


class _Rollback(Exception):
    pass


def _record(region: Region, message: Message, sha: str, status: str) -> None:
    ProcessedMessage.objects.create(
        region=region,
        sender=message.sender,
        message_id=message.message_id,
        kind=message.kind,
        sha256=sha,
        status=status,
    )


def _episode(region: Region, provider: str, product: Product) -> CareEpisode | None:
    return CareEpisode.objects.filter(
        region=region, provider_agb=provider, assignment_number=product.get("ToewijzingNummer")
    ).first()


def _apply(region: Region, message: Message, report: ImportReport) -> None:
    pseudonym = pseudonym_for(message.bsn, region.code)
    report.pseudonyms.add(pseudonym)
    for product in message.products:
        status = product.get("StatusAanlevering") or NEW
        if message.kind == "JW315":
            _apply_request(region, message, pseudonym, product, status)
        elif message.kind == "JW301":
            _apply_assignment(region, message, pseudonym, product, status)
        elif message.kind == "JW305":
            _apply_start(region, message, pseudonym, product, status)
        else:
            _apply_stop(region, message, pseudonym, product, status, report)


def _about(episode: CareEpisode, message: Message) -> None:
    """What the header and client say about the youth: the municipality and the birth year."""
    # A JW301 comes from the municipality; the other messages are sent to it.
    episode.municipality_code = message.sender if message.kind == "JW301" else message.receiver
    if message.birth_year is not None:
        episode.birth_year = message.birth_year


def _apply_request(
    region: Region, message: Message, pseudonym: str, product: Product, status: str
) -> None:
    # A request comes from the provider (Afzender) and knows the provider's reference only.
    lookup = {
        "region": region,
        "pseudonym": pseudonym,
        "provider_agb": message.sender,
        "provider_reference": product.get("ReferentieAanbieder"),
    }
    if status == DELETE:
        CareEpisode.objects.filter(**lookup, assignment_number="").delete()
        return
    episode = CareEpisode.objects.filter(**lookup).first() or CareEpisode(**lookup)
    episode.product_category = product.get("ProductCategorie")
    episode.product_code = product.get("ProductCode")
    episode.requested_on = product.date("Begindatum")
    _about(episode, message)
    episode.source_messages = [*episode.source_messages, message.message_id]
    episode.save()


def _apply_assignment(
    region: Region, message: Message, pseudonym: str, product: Product, status: str
) -> None:
    # An assignment comes from the municipality to the provider (Ontvanger).
    provider = message.receiver
    episode = _episode(region, provider, product)
    if status == DELETE:
        if episode is not None:
            episode.delete()
        return
    if episode is None:
        # Adopt the open request for the same youth, provider and product category.
        episode = CareEpisode.objects.filter(
            region=region,
            pseudonym=pseudonym,
            provider_agb=provider,
            assignment_number="",
            product_category=product.get("ProductCategorie"),
        ).first() or CareEpisode(region=region, pseudonym=pseudonym, provider_agb=provider)
    episode.assignment_number = product.get("ToewijzingNummer")
    episode.product_category = product.get("ProductCategorie")
    episode.product_code = product.get("ProductCode")
    episode.assigned_on = product.date("Begindatum")
    _about(episode, message)
    episode.source_messages = [*episode.source_messages, message.message_id]
    episode.save()


def _apply_start(
    region: Region, message: Message, pseudonym: str, product: Product, status: str
) -> None:
    provider = message.sender
    episode = _episode(region, provider, product)
    if episode is None:
        episode = CareEpisode(
            region=region,
            pseudonym=pseudonym,
            provider_agb=provider,
            assignment_number=product.get("ToewijzingNummer"),
            product_category=product.get("ProductCategorie"),
            product_code=product.get("ProductCode"),
        )
    episode.started_on = None if status == DELETE else product.date("Begindatum")
    _about(episode, message)
    episode.source_messages = [*episode.source_messages, message.message_id]
    if episode.started_on is not None:
        pending = PendingStop.objects.filter(
            region=region,
            provider_agb=provider,
            assignment_number=episode.assignment_number,
        ).first()
        if pending is not None:
            episode.ended_on = pending.ended_on
            episode.stop_reason = pending.stop_reason
            episode.source_messages = [*episode.source_messages, pending.message_id]
            pending.delete()
    episode.save()


def _apply_stop(
    region: Region,
    message: Message,
    pseudonym: str,
    product: Product,
    status: str,
    report: ImportReport,
) -> None:
    provider = message.sender
    episode = _episode(region, provider, product)
    if episode is None or episode.started_on is None:
        pending = PendingStop.objects.filter(
            region=region, provider_agb=provider, assignment_number=product.get("ToewijzingNummer")
        )
        pending.delete()
        if status != DELETE:
            PendingStop.objects.create(
                region=region,
                pseudonym=pseudonym,
                provider_agb=provider,
                assignment_number=product.get("ToewijzingNummer"),
                ended_on=product.required_date("Einddatum"),
                stop_reason=product.get("RedenBeeindiging"),
                message_id=message.message_id,
            )
            report.pending_stops += 1
        return
    if status == DELETE:
        episode.ended_on = None
        episode.stop_reason = ""
    else:
        episode.ended_on = product.date("Einddatum")
        episode.stop_reason = product.get("RedenBeeindiging")
    episode.source_messages = [*episode.source_messages, message.message_id]
    episode.save()


def import_messages(
    region: Region, files: Iterable[tuple[str, bytes]], *, all_or_nothing: bool
) -> ImportReport:
    """Import messages (name, content) in order. With ``all_or_nothing`` one rejected message
    keeps all of them out; otherwise the good ones are kept and the rejected ones listed."""
    report = ImportReport()
    try:
        with transaction.atomic():
            for name, data in files:
                _import_one(region, name, data, report)
            if all_or_nothing and report.rejections:
                raise _Rollback
            report.cases_updated, report.unregistered = sync_youths(region, report.pseudonyms)
    except _Rollback:
        report.saved = False
        report.accepted = report.duplicates = report.pending_stops = 0
        report.pseudonyms = set()
    # Counts only: never an element value.
    logger.info(
        "ijw import region=%s accepted=%s duplicates=%s rejected=%s saved=%s cases=%s "
        "unregistered=%s",
        region.code,
        report.accepted,
        report.duplicates,
        len(report.rejections),
        report.saved,
        report.cases_updated,
        report.unregistered,
    )
    return report


def _import_one(region: Region, name: str, data: bytes, report: ImportReport) -> None:
    sha = hashlib.sha256(data).hexdigest()
    try:
        message = parse(data, name)
    except Invalid as invalid:
        report.rejections.append(invalid.rejection)
        return
    seen = ProcessedMessage.objects.filter(
        region=region, sender=message.sender, message_id=message.message_id
    ).first()
    if seen is not None:
        if seen.sha256 == sha:
            report.duplicates += 1
            return
        report.rejections.append(
            Rejection(
                message.message_id,
                f"{message.kind}/Header/IdentificatieBericht",
                _("Message %(id)s: element %(element)s was received before with other content.")
                % {
                    "id": message.message_id,
                    "element": f"{message.kind}/Header/IdentificatieBericht",
                },
            )
        )
        return
    with transaction.atomic():
        _apply(region, message, report)
        _record(region, message, sha, MessageStatus.ACCEPTED)
    report.accepted += 1


# --- Youths known only from messages --------------------------------------------------------


def _log_unregistered(
    request: HttpRequest, youth: UnregisteredYouth, team: Team, what: str
) -> None:
    membership = team_membership(request.user, team.pk, Role.PROFESSIONAL, Role.COORDINATOR)
    record_access(
        request,
        event=EventCode.CASE_UPDATE,
        action=ActionCode.UPDATE,
        rule=AuthorisationRule.TEAM_MEMBERSHIP,
        membership=membership,
        object_type=OBJECT_TYPE_UNREGISTERED,
        object_ref=f"ijw-{youth.pk}",
        reason=what,
    )


def record_list_read(request: HttpRequest, team: Team, count: int) -> None:
    """One access-log entry for a look at the list of unregistered youths."""
    membership = team_membership(request.user, team.pk, Role.PROFESSIONAL, Role.COORDINATOR)
    record_access(
        request,
        event=EventCode.CASE_READ,
        action=ActionCode.READ,
        rule=AuthorisationRule.TEAM_MEMBERSHIP,
        membership=membership,
        object_type=OBJECT_TYPE_UNREGISTERED,
        reason=f"list of {count}",
    )


def take_up(
    request: HttpRequest, youth: UnregisteredYouth, team: Team, *, birth_year: int | None
) -> Case:
    """Register the youth as a normal case of ``team`` (one of the user's own teams): the
    household gets the youth with the pseudonym, and the derived events go onto the case."""
    if youth.status != UnregisteredStatus.OPEN or team.municipality_id != youth.municipality_id:
        raise PermissionDenied
    with transaction.atomic():
        case = register_case(request, team=team)  # refused unless the user works in the team
        member = HouseholdMember(
            role=MemberRole.YOUTH,
            birth_year=birth_year or youth.birth_year,
            pseudonym=youth.pseudonym,
        )
        add_member(request, case, member)
        youth.status = UnregisteredStatus.TAKEN_UP
        youth.case = case
        youth.decided_by = request.user if isinstance(request.user, User) else None
        youth.decided_at = timezone.now()
        youth.save()
        _log_unregistered(request, youth, team, f"taken up as {case.reference}")
        sync_youths(youth.region, [youth.pseudonym])
    return case


def set_aside(request: HttpRequest, youth: UnregisteredYouth, team: Team, *, reason: str) -> None:
    """The team does not take the youth up, with a reason (de-identified before it is kept;
    the access log says only that it was set aside)."""
    if youth.status != UnregisteredStatus.OPEN or team.municipality_id != youth.municipality_id:
        raise PermissionDenied
    if team_membership(request.user, team.pk, Role.PROFESSIONAL, Role.COORDINATOR) is None:
        raise PermissionDenied
    with transaction.atomic():
        youth.status = UnregisteredStatus.SET_ASIDE
        youth.reason = deidentify(reason)
        youth.decided_by = request.user if isinstance(request.user, User) else None
        youth.decided_at = timezone.now()
        youth.save()
        _log_unregistered(request, youth, team, "set aside")
