"""Reading and structurally validating iJw 3.2 messages (JW315, JW301, JW305, JW307).

The structure below is hand-written from the published iStandaarden information model (release
3.2); see docs/ijw.md. Parsing goes through defusedxml: no DTDs, no entity expansion, no network.
Personal elements (Naam, Adres, ...) are accepted as opaque blocks and never read, so they
cannot end up in the database or the logs; of Geboortedatum only the year is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from elkedagbeter.cases.pseudonyms import is_valid_bsn

BASE = "http://www.istandaarden.nl/ijw/3_2"
NAMESPACES = {
    "JW315": f"{BASE}/jw/jw315/schema",
    "JW301": f"{BASE}/jw/jw301/schema",
    "JW305": f"{BASE}/jw/jw305/schema",
    "JW307": f"{BASE}/jw/jw307/schema",
}
BERICHTCODES = {"JW301": "414", "JW305": "418", "JW307": "420", "JW315": "436"}
# A message over this size is refused before parsing.
MAX_MESSAGE_BYTES = 2_000_000
# How a rejection names the element when the message could not be read far enough to know one.
WHOLE_MESSAGE = "Bericht"


@dataclass(frozen=True)
class Spec:
    """One element: its name, how often it may occur, the format of its text, its children.
    ``opaque`` elements may hold anything and are never read (personal details)."""

    name: str
    fmt: str | None = None
    min: int = 1
    max: int = 1
    children: tuple[Spec, ...] = ()
    opaque: bool = False


def _header() -> Spec:
    return Spec(
        "Header",
        children=(
            Spec("BerichtCode", "digits:3"),
            Spec("BerichtVersie", "digits:1-2"),
            Spec("BerichtSubversie", "digits:1-2"),
            Spec("Afzender", "digits:4-8"),
            Spec("Ontvanger", "digits:4-8"),
            Spec("IdentificatieBericht", "text:20"),
            Spec("DagtekeningBericht", "date"),
        ),
    )


def _client(product: Spec) -> Spec:
    return Spec(
        "Client",
        children=(
            Spec("Bsn", "bsn"),
            Spec("Geboortedatum", opaque=True),
            Spec("Geslacht", opaque=True, min=0),
            Spec("Naam", opaque=True),
            Spec("Adres", opaque=True, min=0, max=3),
            Spec("Commentaar", opaque=True, min=0),
            product,
        ),
    )


_PRODUCT_CORE = (
    Spec("ProductCategorie", "digits:2"),
    Spec("ProductCode", "text:5", min=0),
)

SCHEMAS: dict[str, Spec] = {
    "JW315": Spec(
        "JW315",
        children=(
            _header(),
            _client(
                Spec(
                    "AangevraagdProduct",
                    max=99,
                    children=(
                        Spec("ReferentieAanbieder", "text:15"),
                        *_PRODUCT_CORE,
                        Spec("Begindatum", "date"),
                        Spec("Einddatum", "date", min=0),
                        Spec("StatusAanlevering", "code:1,2,3", min=0),
                    ),
                )
            ),
        ),
    ),
    "JW301": Spec(
        "JW301",
        children=(
            _header(),
            _client(
                Spec(
                    "ToegewezenProduct",
                    max=99,
                    children=(
                        Spec("ToewijzingNummer", "digits:1-8"),
                        *_PRODUCT_CORE,
                        Spec("Begindatum", "date"),
                        Spec("Einddatum", "date", min=0),
                        Spec("RedenBeeindiging", "digits:2", min=0),
                        Spec("StatusAanlevering", "code:1,2,3", min=0),
                    ),
                )
            ),
        ),
    ),
    "JW305": Spec(
        "JW305",
        children=(
            _header(),
            _client(
                Spec(
                    "StartProduct",
                    max=99,
                    children=(
                        Spec("ToewijzingNummer", "digits:1-8"),
                        *_PRODUCT_CORE,
                        Spec("Begindatum", "date"),
                        Spec("StatusAanlevering", "code:1,2,3"),
                    ),
                )
            ),
        ),
    ),
    "JW307": Spec(
        "JW307",
        children=(
            _header(),
            _client(
                Spec(
                    "StopProduct",
                    max=99,
                    children=(
                        Spec("ToewijzingNummer", "digits:1-8"),
                        *_PRODUCT_CORE,
                        Spec("Begindatum", "date"),
                        Spec("Einddatum", "date"),
                        Spec("RedenBeeindiging", "digits:2"),
                        Spec("StatusAanlevering", "code:1,2,3"),
                    ),
                )
            ),
        ),
    ),
}

PRODUCT_ELEMENT = {
    "JW315": "AangevraagdProduct",
    "JW301": "ToegewezenProduct",
    "JW305": "StartProduct",
    "JW307": "StopProduct",
}


@dataclass(frozen=True)
class Rejection:
    message_id: str
    element: str
    reason: str


@dataclass(frozen=True)
class Product:
    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def date(self, name: str) -> dt.date | None:
        value = self.values.get(name)
        return date.fromisoformat(value) if value else None

    def required_date(self, name: str) -> dt.date:
        """A date the schema requires (validated before a Product is made)."""
        return date.fromisoformat(self.values[name])


@dataclass(frozen=True)
class Message:
    """A valid message, holding only what the platform keeps: never names, addresses or dates
    of birth (the BSN is turned into a pseudonym by the caller and then dropped)."""

    kind: str
    message_id: str
    sender: str
    receiver: str
    sent_on: date
    bsn: str
    products: list[Product] = field(default_factory=list)
    birth_year: int | None = None


class Invalid(Exception):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.reason)
        self.rejection = rejection


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _sep, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _format_ok(fmt: str, text: str) -> bool:
    kind, _sep, arg = fmt.partition(":")
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return False
        try:
            date.fromisoformat(text)
        except ValueError:
            return False
        return True
    if kind == "digits":
        low, _s, high = arg.partition("-")
        return text.isascii() and text.isdigit() and int(low) <= len(text) <= int(high or low)
    if kind == "text":
        return 0 < len(text) <= int(arg)
    if kind == "code":
        return text in arg.split(",")
    if kind == "bsn":
        return len(text) == 9 and is_valid_bsn(text)
    raise ValueError(fmt)


def _check(element: Any, spec: Spec, namespace: str, message_id: str, path: str) -> None:
    children = list(element)
    known = {child.name for child in spec.children}
    for child in children:
        child_ns, name = _local(child.tag)
        if child_ns != namespace or name not in known:
            raise Invalid(
                Rejection(
                    message_id,
                    f"{path}/{name}",
                    _("Message %(id)s: element %(element)s is not part of the message.")
                    % {"id": message_id, "element": f"{path}/{name}"},
                )
            )
    for child_spec in spec.children:
        found = [c for c in children if _local(c.tag)[1] == child_spec.name]
        where = f"{path}/{child_spec.name}"
        if len(found) < child_spec.min:
            raise Invalid(
                Rejection(
                    message_id,
                    where,
                    _("Message %(id)s: element %(element)s is missing.")
                    % {"id": message_id, "element": where},
                )
            )
        if len(found) > child_spec.max:
            raise Invalid(
                Rejection(
                    message_id,
                    where,
                    _("Message %(id)s: element %(element)s occurs more than %(max)s times.")
                    % {"id": message_id, "element": where, "max": child_spec.max},
                )
            )
        for occurrence in found:
            if child_spec.opaque:
                continue
            if child_spec.fmt is not None:
                text = (occurrence.text or "").strip()
                if not _format_ok(child_spec.fmt, text):
                    # The value itself is not repeated: it may be a BSN.
                    raise Invalid(
                        Rejection(
                            message_id,
                            where,
                            _("Message %(id)s: element %(element)s has an invalid value.")
                            % {"id": message_id, "element": where},
                        )
                    )
            if child_spec.children:
                _check(occurrence, child_spec, namespace, message_id, where)


def _text(element: Any, namespace: str, *names: str) -> str:
    node = element
    for name in names:
        node = node.find(f"{{{namespace}}}{name}")
        if node is None:
            return ""
    return str(node.text or "").strip()


def parse(data: bytes, source: str) -> Message:
    """Parse and validate one message; raises Invalid with a Dutch reason."""
    if len(data) > MAX_MESSAGE_BYTES:
        # Not read at all, so no element is known yet: the whole message is named.
        raise Invalid(
            Rejection(
                source,
                WHOLE_MESSAGE,
                _("Message %(id)s: element %(element)s: the file is larger than %(max)s bytes.")
                % {"id": source, "element": WHOLE_MESSAGE, "max": MAX_MESSAGE_BYTES},
            )
        )
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except SafeET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise Invalid(
            Rejection(
                source,
                WHOLE_MESSAGE,
                _(
                    "Message %(id)s: element %(element)s: the file is not valid XML "
                    "(line %(line)s, column %(column)s)."
                )
                % {"id": source, "element": WHOLE_MESSAGE, "line": line, "column": column},
            )
        ) from None
    except (DefusedXmlException, ValueError):
        raise Invalid(
            Rejection(
                source,
                "DOCTYPE",
                _(
                    "Message %(id)s: element %(element)s: a DTD or entity is not allowed in an "
                    "iJw message."
                )
                % {"id": source, "element": "DOCTYPE"},
            )
        ) from None
    namespace, kind = _local(root.tag)
    if kind not in SCHEMAS or NAMESPACES[kind] != namespace:
        raise Invalid(
            Rejection(
                source,
                kind,
                _("Message %(id)s: element %(element)s is not a known iJw 3.2 message.")
                % {"id": source, "element": kind},
            )
        )
    message_id = _text(root, namespace, "Header", "IdentificatieBericht") or source
    _check(root, SCHEMAS[kind], namespace, message_id, kind)
    if _text(root, namespace, "Header", "BerichtCode") != BERICHTCODES[kind]:
        raise Invalid(
            Rejection(
                message_id,
                f"{kind}/Header/BerichtCode",
                _("Message %(id)s: element %(element)s has an invalid value.")
                % {"id": message_id, "element": f"{kind}/Header/BerichtCode"},
            )
        )
    client = root.find(f"{{{namespace}}}Client")
    products = []
    for node in client.findall(f"{{{namespace}}}{PRODUCT_ELEMENT[kind]}"):
        values = {_local(child.tag)[1]: (child.text or "").strip() for child in node}
        products.append(Product(values))
    return Message(
        kind=kind,
        message_id=message_id,
        sender=_text(root, namespace, "Header", "Afzender"),
        receiver=_text(root, namespace, "Header", "Ontvanger"),
        sent_on=date.fromisoformat(_text(root, namespace, "Header", "DagtekeningBericht")),
        bsn=_text(root, namespace, "Client", "Bsn"),
        products=products,
        birth_year=_birth_year(_text(root, namespace, "Client", "Geboortedatum", "Datum")),
    )


def _birth_year(text: str) -> int | None:
    """Only the year of the birth date; the rest is never kept."""
    year = text[:4]
    return int(year) if len(year) == 4 and year.isascii() and year.isdigit() else None
