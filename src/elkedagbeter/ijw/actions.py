"""Importing iJw messages into care episodes: idempotent, corrections replace what they correct."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.organisations.models import Region

from .messages import Invalid, Message, Product, Rejection, parse
from .models import CareEpisode, MessageStatus, PendingStop, ProcessedMessage

logger = logging.getLogger(__name__)

NEW, CORRECTION, DELETE = "1", "2", "3"


@dataclass
class ImportReport:
    accepted: int = 0
    duplicates: int = 0
    pending_stops: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    saved: bool = True


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
    except _Rollback:
        report.saved = False
        report.accepted = report.duplicates = report.pending_stops = 0
    # Counts only: never an element value.
    logger.info(
        "ijw import region=%s accepted=%s duplicates=%s rejected=%s saved=%s",
        region.code,
        report.accepted,
        report.duplicates,
        len(report.rejections),
        report.saved,
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
