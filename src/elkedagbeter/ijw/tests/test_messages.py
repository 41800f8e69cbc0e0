from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation

from elkedagbeter.ijw.actions import import_messages
from elkedagbeter.ijw.messages import MAX_MESSAGE_BYTES, Invalid, parse
from elkedagbeter.ijw.tests import examples as ex
from elkedagbeter.organisations.tests.factories import RegionFactory


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    """The reasons are Dutch whatever language an earlier test left active."""
    with translation.override("nl"):
        yield


def _rejected(data: bytes) -> Invalid:
    with pytest.raises(Invalid) as caught:
        parse(data, "bestand.xml")
    return caught.value


def test_a_valid_jw315_is_read_element_by_element() -> None:
    message = parse(ex.request("M1", "REF-1", "45", "45A11", "2026-01-10"), "f.xml")
    assert message.kind == "JW315"
    assert message.message_id == "M1"
    assert message.sender == ex.PROVIDER_1
    assert message.receiver == ex.MUNICIPALITY
    assert message.sent_on == date(2026, 1, 5)
    assert message.bsn == ex.BSN_A
    [product] = message.products
    assert product.get("ReferentieAanbieder") == "REF-1"
    assert product.get("ProductCategorie") == "45"
    assert product.get("ProductCode") == "45A11"
    assert product.date("Begindatum") == date(2026, 1, 10)


def test_a_valid_jw301_305_307_are_read() -> None:
    assigned = parse(ex.assignment("M2", "1001", "45", "45A11", "2026-02-01"), "f.xml")
    assert (assigned.kind, assigned.sender, assigned.receiver) == (
        "JW301",
        ex.MUNICIPALITY,
        ex.PROVIDER_1,
    )
    assert assigned.products[0].get("ToewijzingNummer") == "1001"
    assert assigned.products[0].get("StatusAanlevering") == "1"
    started = parse(ex.start("M3", "1001", "45", "45A11", "2026-02-15"), "f.xml")
    assert started.kind == "JW305"
    assert started.products[0].date("Begindatum") == date(2026, 2, 15)
    stopped = parse(ex.stop("M4", "1001", "45", "45A11", "2026-02-15", "2026-06-30", "02"), "f.xml")
    assert stopped.kind == "JW307"
    assert stopped.products[0].date("Einddatum") == date(2026, 6, 30)
    assert stopped.products[0].get("RedenBeeindiging") == "02"


def test_personal_elements_are_not_read() -> None:
    message = parse(ex.start("M3", "1001", "45", "45A11", "2026-02-15"), "f.xml")
    everything = repr(message)
    for secret in (ex.SURNAME, ex.FIRST_NAMES, ex.BIRTH_DATE, ex.STREET, ex.POSTCODE):
        assert secret not in everything


def test_not_xml() -> None:
    invalid = _rejected(b"<JW305><Header>")
    assert invalid.rejection.message_id == "bestand.xml"
    assert "geen geldige XML" in invalid.rejection.reason


def test_entities_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><JW305>&a;</JW305>'
    assert "DTD of entiteit" in _rejected(bomb).rejection.reason


def test_unknown_message_type_and_wrong_namespace() -> None:
    other = ex.start("M3", "1001", "45", "45A11", "2026-02-15").replace(b"jw305", b"jw999")
    invalid = _rejected(other)
    assert invalid.rejection.element == "JW305"
    assert "geen bekend iJw 3.2-bericht" in invalid.rejection.reason


def test_a_missing_element_is_named() -> None:
    data = ex.start("M5", "1001", "45", "45A11", "2026-02-15").replace(
        b"<Begindatum>2026-02-15</Begindatum>", b""
    )
    invalid = _rejected(data)
    assert invalid.rejection.message_id == "M5"
    assert invalid.rejection.element == "JW305/Client/StartProduct/Begindatum"
    assert invalid.rejection.reason == (
        "Bericht M5: element JW305/Client/StartProduct/Begindatum ontbreekt."
    )


def test_a_bad_date_a_bad_bsn_and_a_bad_status_are_named() -> None:
    bad_date = ex.start("M6", "1001", "45", "45A11", "2026-02-30")
    assert _rejected(bad_date).rejection.element == "JW305/Client/StartProduct/Begindatum"
    bad_bsn = ex.start("M7", "1001", "45", "45A11", "2026-02-15", bsn="111222334")
    invalid = _rejected(bad_bsn)
    assert invalid.rejection.element == "JW305/Client/Bsn"
    assert "111222334" not in invalid.rejection.reason
    assert "ongeldige waarde" in invalid.rejection.reason
    bad_status = ex.start("M8", "1001", "45", "45A11", "2026-02-15", status="4")
    assert _rejected(bad_status).rejection.element == "JW305/Client/StartProduct/StatusAanlevering"


def test_too_many_and_unknown_elements() -> None:
    twice = ex.start("M9", "1001", "45", "45A11", "2026-02-15", client_extra="<Bsn>1</Bsn>")
    invalid = _rejected(twice)
    assert invalid.rejection.element == "JW305/Client/Bsn"
    assert "vaker dan 1 keer" in invalid.rejection.reason
    unknown = ex.start("M10", "1001", "45", "45A11", "2026-02-15", header_extra="<Extra>x</Extra>")
    assert _rejected(unknown).rejection.element == "JW305/Header/Extra"


def test_a_wrong_berichtcode() -> None:
    data = ex.start("M11", "1001", "45", "45A11", "2026-02-15").replace(
        b"<BerichtCode>418</BerichtCode>", b"<BerichtCode>414</BerichtCode>"
    )
    assert _rejected(data).rejection.element == "JW305/Header/BerichtCode"


def _every_kind_of_rejection() -> list[tuple[str, bytes]]:
    start = ex.start("R1", "1001", "45", "45A11", "2026-02-15")
    return [
        ("too large", b"x" * (MAX_MESSAGE_BYTES + 1)),
        ("not xml", b"<JW305><Header>"),
        ("entity", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><JW305>&a;</JW305>'),
        ("unknown type", start.replace(b"jw305", b"jw999")),
        ("missing", start.replace(b"<Begindatum>2026-02-15</Begindatum>", b"")),
        ("bad value", ex.start("R1", "1001", "45", "45A11", "2026-02-30")),
        (
            "too many",
            ex.start("R1", "1001", "45", "45A11", "2026-02-15", client_extra="<Bsn>1</Bsn>"),
        ),
        (
            "unknown element",
            ex.start("R1", "1001", "45", "45A11", "2026-02-15", header_extra="<Extra>x</Extra>"),
        ),
        (
            "berichtcode",
            start.replace(b"<BerichtCode>418</BerichtCode>", b"<BerichtCode>414</BerichtCode>"),
        ),
    ]


@pytest.mark.parametrize(("kind", "data"), _every_kind_of_rejection())
def test_every_rejection_is_dutch_and_names_the_message_and_the_element(
    kind: str, data: bytes
) -> None:
    rejection = _rejected(data).rejection
    assert rejection.message_id in {"R1", "bestand.xml"}, kind
    assert rejection.element, kind
    assert rejection.reason.startswith(f"Bericht {rejection.message_id}: element "), kind
    assert f"element {rejection.element}" in rejection.reason, kind
    assert "Message" not in rejection.reason and "element is" not in rejection.reason, kind


@pytest.mark.django_db
def test_the_same_id_with_other_content_names_the_message_and_the_element() -> None:
    region = RegionFactory()
    first = ex.start("R2", "1001", "45", "45A11", "2026-02-15")
    other = ex.start("R2", "1001", "45", "45A11", "2026-02-16")
    report = import_messages(region, [("a.xml", first), ("b.xml", other)], all_or_nothing=False)
    [rejection] = report.rejections
    assert rejection.reason == (
        "Bericht R2: element JW305/Header/IdentificatieBericht is eerder ontvangen met een "
        "andere inhoud."
    )
