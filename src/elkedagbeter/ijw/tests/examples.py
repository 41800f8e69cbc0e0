"""Hand-written iJw 3.2 example messages for the tests (and the benchmark generator)."""

from __future__ import annotations

from elkedagbeter.ijw.messages import BERICHTCODES, NAMESPACES

BSN_A = "111222333"
BSN_B = "123456782"
# Personal details that must never reach the database or the logs.
SURNAME = "Zwanenburgh"
FIRST_NAMES = "Quirijntje"
BIRTH_DATE = "2011-07-23"
STREET = "Hoefijzerlaantje"
POSTCODE = "9999ZZ"

MUNICIPALITY = "0363"
PROVIDER_1 = "87654321"
PROVIDER_2 = "12345678"


def _product(kind: str, fields: dict[str, str]) -> str:
    element = {
        "JW315": "AangevraagdProduct",
        "JW301": "ToegewezenProduct",
        "JW305": "StartProduct",
        "JW307": "StopProduct",
    }[kind]
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    return f"<{element}>{inner}</{element}>"


def message(
    kind: str,
    message_id: str,
    products: list[dict[str, str]],
    *,
    bsn: str = BSN_A,
    sender: str | None = None,
    receiver: str | None = None,
    sent_on: str = "2026-01-05",
    header_extra: str = "",
    client_extra: str = "",
) -> bytes:
    from_municipality = kind == "JW301"
    sender = sender or (MUNICIPALITY if from_municipality else PROVIDER_1)
    receiver = receiver or (PROVIDER_1 if from_municipality else MUNICIPALITY)
    body = "".join(_product(kind, p) for p in products)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<{kind} xmlns="{NAMESPACES[kind]}">'
        f"<Header><BerichtCode>{BERICHTCODES[kind]}</BerichtCode><BerichtVersie>3</BerichtVersie>"
        f"<BerichtSubversie>2</BerichtSubversie><Afzender>{sender}</Afzender>"
        f"<Ontvanger>{receiver}</Ontvanger><IdentificatieBericht>{message_id}"
        f"</IdentificatieBericht><DagtekeningBericht>{sent_on}</DagtekeningBericht>"
        f"{header_extra}</Header>"
        f"<Client><Bsn>{bsn}</Bsn>"
        f"<Geboortedatum><Datum>{BIRTH_DATE}</Datum><DatumGebruik>1</DatumGebruik></Geboortedatum>"
        f"<Geslacht>2</Geslacht>"
        f"<Naam><Geslachtsnaam><Achternaam>{SURNAME}</Achternaam></Geslachtsnaam>"
        f"<Voornamen>{FIRST_NAMES}</Voornamen></Naam>"
        f"<Adres><Straatnaam>{STREET}</Straatnaam><Huisnummer>7</Huisnummer>"
        f"<Postcode>{POSTCODE}</Postcode></Adres>"
        f"{client_extra}{body}</Client></{kind}>"
    ).encode()


def request(message_id: str, reference: str, category: str, code: str, on: str, **kw: str) -> bytes:
    fields = {
        "ReferentieAanbieder": reference,
        "ProductCategorie": category,
        "ProductCode": code,
        "Begindatum": on,
    }
    return message("JW315", message_id, [fields], **kw)


def assignment(
    message_id: str, number: str, category: str, code: str, on: str, status: str = "1", **kw: str
) -> bytes:
    fields = {
        "ToewijzingNummer": number,
        "ProductCategorie": category,
        "ProductCode": code,
        "Begindatum": on,
        "StatusAanlevering": status,
    }
    return message("JW301", message_id, [fields], **kw)


def start(
    message_id: str, number: str, category: str, code: str, on: str, status: str = "1", **kw: str
) -> bytes:
    fields = {
        "ToewijzingNummer": number,
        "ProductCategorie": category,
        "ProductCode": code,
        "Begindatum": on,
        "StatusAanlevering": status,
    }
    return message("JW305", message_id, [fields], **kw)


def stop(
    message_id: str,
    number: str,
    category: str,
    code: str,
    began: str,
    ended: str,
    reason: str,
    status: str = "1",
    **kw: str,
) -> bytes:
    fields = {
        "ToewijzingNummer": number,
        "ProductCategorie": category,
        "ProductCode": code,
        "Begindatum": began,
        "Einddatum": ended,
        "RedenBeeindiging": reason,
        "StatusAanlevering": status,
    }
    return message("JW307", message_id, [fields], **kw)
