"""Bring the stored signals in line with what the rules find today.

New findings become open signals; open signals whose rule no longer fires are marked as no
longer applying; signals a team acted on or set aside stay as they are (their key keeps the same
evidence from coming back)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from django.db import transaction
from django.utils import timezone

from elkedagbeter.cases.models import Case

from .history import load_histories
from .models import Signal, Status, Thresholds, national_defaults
from .rules import evaluate

BATCH = 500


def thresholds_by_region(region_ids: Iterable[int]) -> dict[int, Thresholds]:
    found = {t.region_id: t for t in Thresholds.objects.filter(region_id__in=set(region_ids))}
    default = national_defaults()
    return defaultdict(lambda: default, found)


def _batches(ids: list[int]) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, BATCH)):
        yield batch


def refresh_cases(case_ids: Iterable[int], *, today: date | None = None) -> tuple[int, int]:
    """Re-evaluate the cases; returns (signals opened, signals no longer applying)."""
    today = today or timezone.localdate()
    opened = cleared = 0
    for batch in _batches(sorted(set(case_ids))):
        o, c = _refresh_batch(batch, today)
        opened += o
        cleared += c
    return opened, cleared


def _refresh_batch(case_ids: list[int], today: date) -> tuple[int, int]:
    histories = load_histories(case_ids)
    region_of = dict(Case.objects.filter(pk__in=case_ids).values_list("id", "team__region_id"))
    thresholds = thresholds_by_region(region_of.values())
    existing: dict[tuple[int, str, str], Signal] = {
        (s.case_id, s.rule, s.key): s for s in Signal.objects.filter(case_id__in=case_ids)
    }
    found: set[tuple[int, str, str]] = set()
    new: list[Signal] = []
    updates: list[Signal] = []
    for case_id, history in histories.items():
        for finding in evaluate(history, thresholds[region_of[case_id]], today):
            key = (case_id, str(finding.rule), finding.key)
            found.add(key)
            signal = existing.get(key)
            if signal is None:
                new.append(
                    Signal(
                        case_id=case_id,
                        rule=finding.rule,
                        key=finding.key,
                        detail=finding.detail,
                        weight=finding.weight,
                        raised_on=today,
                    )
                )
            elif signal.status in (Status.OPEN, Status.CLEARED) and (
                signal.detail != finding.detail or signal.status == Status.CLEARED
            ):
                signal.detail, signal.weight, signal.status = (
                    finding.detail,
                    finding.weight,
                    Status.OPEN,
                )
                updates.append(signal)
    gone = [s for k, s in existing.items() if k not in found and s.status == Status.OPEN]
    for signal in gone:
        signal.status = Status.CLEARED
    with transaction.atomic():
        Signal.objects.bulk_create(new, ignore_conflicts=True)
        Signal.objects.bulk_update(updates + gone, ["detail", "weight", "status"])
    return len(new), len(gone)


def refresh_region(region_id: int | None = None, *, today: date | None = None) -> tuple[int, int]:
    """Every open case of a region (or the country), plus cases with open signals that closed."""
    cases = Case.objects.filter(closed_on__isnull=True)
    stale = Signal.objects.filter(status=Status.OPEN, case__closed_on__isnull=False)
    if region_id is not None:
        cases = cases.filter(team__region_id=region_id)
        stale = stale.filter(case__team__region_id=region_id)
    ids = set(cases.values_list("id", flat=True)) | set(stale.values_list("case_id", flat=True))
    return refresh_cases(ids, today=today)
