from __future__ import annotations

import logging
from datetime import date

import pytest
from django.apps import apps
from django.db import models

from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.ijw.actions import import_messages
from elkedagbeter.ijw.derived import DerivedEvent, derive, mapping_for
from elkedagbeter.ijw.models import CareEpisode, PendingStop, ProcessedMessage, ProductMapping
from elkedagbeter.ijw.tests import examples as ex
from elkedagbeter.organisations.models import Region
from elkedagbeter.organisations.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

P1, P2 = ex.PROVIDER_1, ex.PROVIDER_2


def _run(region: Region, *messages: bytes, all_or_nothing: bool = False):
    files = [(f"m{i}.xml", data) for i, data in enumerate(messages)]
    return import_messages(region, files, all_or_nothing=all_or_nothing)


def _trajectory() -> list[bytes]:
    """Youth A: request 10 Jan, assigned and started at provider 1 (ambulant, 45), stopped
    broken off (07) on 31 Mar; moved to provider 2 in foster care (43) from 14 Apr, requested
    1 Feb (so waited 72 days, above the 42-day norm)."""
    return [
        ex.request("R1", "REF-1", "45", "45A11", "2026-01-10"),
        ex.assignment("A1", "1001", "45", "45A11", "2026-01-20"),
        ex.start("S1", "1001", "45", "45A11", "2026-01-25"),
        ex.stop("E1", "1001", "45", "45A11", "2026-01-25", "2026-03-31", "07"),
        ex.request("R2", "REF-9", "43", "43A31", "2026-02-01", sender=P2),
        ex.assignment("A2", "2002", "43", "43A31", "2026-04-01", receiver=P2),
        ex.start("S2", "2002", "43", "43A31", "2026-04-14", sender=P2),
    ]


def test_a_trajectory_becomes_two_episodes_and_the_derived_events() -> None:
    region = RegionFactory(code="holland-rijnland")
    report = _run(region, *_trajectory())
    assert (report.accepted, report.rejections, report.pending_stops) == (7, [], 0)
    youth = pseudonym_for(ex.BSN_A, "holland-rijnland")
    first, second = CareEpisode.objects.order_by("started_on")
    assert (first.pseudonym, first.provider_agb, first.assignment_number) == (youth, P1, "1001")
    assert (first.requested_on, first.assigned_on) == (date(2026, 1, 10), date(2026, 1, 20))
    assert (first.started_on, first.ended_on, first.stop_reason) == (
        date(2026, 1, 25),
        date(2026, 3, 31),
        "07",
    )
    assert first.source_messages == ["R1", "A1", "S1", "E1"]
    assert (second.provider_agb, second.product_category, second.requested_on) == (
        P2,
        "43",
        date(2026, 2, 1),
    )
    assert second.ended_on is None
    events = derive(CareEpisode.objects.all(), mapping_for(region))
    assert events == [
        DerivedEvent("waiting", youth, date(2026, 1, 10), "15", date(2026, 1, 25)),
        DerivedEvent("waiting", youth, date(2026, 2, 1), "72", date(2026, 4, 14)),
        DerivedEvent("broken_off", youth, date(2026, 3, 31), "07"),
        DerivedEvent("residential", youth, date(2026, 4, 14), "11"),
        DerivedEvent("transfer", youth, date(2026, 4, 14), f"{P1}->{P2}"),
    ]
    assert [e.above_norm for e in events if e.kind == "waiting"] == [False, True]


def test_a_region_mapping_overrides_the_shipped_default() -> None:
    region = RegionFactory()
    _run(region, *_trajectory())
    ProductMapping.objects.create(
        region=region, product_category="43", product_code="43A31", residence_type=""
    )
    kinds = [e.kind for e in derive(CareEpisode.objects.all(), mapping_for(region))]
    assert "residential" not in kinds


def test_the_same_message_twice_changes_nothing() -> None:
    region = RegionFactory()
    _run(region, *_trajectory())
    before = list(CareEpisode.objects.values())
    report = _run(region, *_trajectory())
    assert (report.accepted, report.duplicates, report.rejections) == (0, 7, [])
    assert list(CareEpisode.objects.values()) == before
    assert ProcessedMessage.objects.count() == 7


def test_the_same_id_with_other_content_is_rejected() -> None:
    region = RegionFactory()
    _run(region, ex.start("S1", "1001", "45", "45A11", "2026-01-25"))
    report = _run(region, ex.start("S1", "1001", "45", "45A11", "2026-01-26"))
    [rejection] = report.rejections
    assert rejection.message_id == "S1"
    assert rejection.element == "JW305/Header/IdentificatieBericht"
    assert CareEpisode.objects.get().started_on == date(2026, 1, 25)


def test_a_stop_without_start_waits_and_is_applied_when_the_start_comes() -> None:
    region = RegionFactory()
    report = _run(region, ex.stop("E1", "1001", "45", "45A11", "2026-01-25", "2026-03-31", "02"))
    assert report.pending_stops == 1
    assert CareEpisode.objects.count() == 0
    pending = PendingStop.objects.get()
    assert (pending.assignment_number, pending.ended_on, pending.message_id) == (
        "1001",
        date(2026, 3, 31),
        "E1",
    )
    _run(region, ex.start("S1", "1001", "45", "45A11", "2026-01-25"))
    episode = CareEpisode.objects.get()
    assert (episode.started_on, episode.ended_on, episode.stop_reason) == (
        date(2026, 1, 25),
        date(2026, 3, 31),
        "02",
    )
    assert PendingStop.objects.count() == 0


def test_corrections_replace_and_deletions_remove() -> None:
    region = RegionFactory()
    _run(region, *_trajectory()[:4])
    _run(region, ex.start("S1c", "1001", "45", "45A11", "2026-01-27", status="2"))
    assert CareEpisode.objects.get(assignment_number="1001").started_on == date(2026, 1, 27)
    _run(
        region,
        ex.stop("E1c", "1001", "45", "45A11", "2026-01-27", "2026-03-31", "07", status="3"),
    )
    episode = CareEpisode.objects.get(assignment_number="1001")
    assert (episode.ended_on, episode.stop_reason) == (None, "")
    _run(region, ex.assignment("A1d", "1001", "45", "45A11", "2026-01-20", status="3"))
    assert CareEpisode.objects.count() == 0


def test_all_or_nothing_keeps_nothing_and_keep_good_keeps_the_good_ones() -> None:
    region = RegionFactory()
    bad = ex.start("S9", "1001", "45", "45A11", "2026-13-01")
    report = _run(region, *_trajectory(), bad, all_or_nothing=True)
    assert not report.saved
    assert [r.message_id for r in report.rejections] == ["S9"]
    assert CareEpisode.objects.count() == ProcessedMessage.objects.count() == 0
    report = _run(region, *_trajectory(), bad)
    assert report.saved and report.accepted == 7
    assert CareEpisode.objects.count() == 2


def _all_text_in_the_database() -> str:
    chunks: list[str] = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                chunks.extend(str(value) for value in row)
    return "\n".join(chunks)


def test_no_name_birth_date_address_or_bsn_in_the_database_or_the_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    region = RegionFactory()
    with caplog.at_level(logging.DEBUG):
        _run(region, *_trajectory(), ex.start("S9", "1001", "45", "45A11", "2026-13-01"))
        _run(region, ex.start("S8", "1", "45", "45A11", "2026-01-01", bsn="111222334"))
    stored = _all_text_in_the_database()
    logged = caplog.text
    assert "ijw import" in logged
    for secret in (
        ex.SURNAME,
        ex.FIRST_NAMES,
        ex.BIRTH_DATE,
        ex.STREET,
        ex.POSTCODE,
        ex.BSN_A,
        "111222334",
    ):
        assert secret not in stored
        assert secret not in logged
