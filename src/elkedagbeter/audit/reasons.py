"""The access log's reasons in the reader's language.

Actions store a short, stable reason with every entry ("escalated to Expertteam Noord", "event
12"): the log is append-only, so rows written years ago keep their text. This module turns the
known shapes into a sentence the reader understands (Dutch by default); anything else, such as a
reason a person typed, is shown as it was written."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_Describe = Callable[[re.Match[str]], str]

# The objects a case change names (`cases.actions._save_new` writes their model name).
_OBJECTS = {
    "householdmember": gettext_lazy("household member"),
    "goal": gettext_lazy("desired result"),
    "involvement": gettext_lazy("involvement"),
    "intervention": gettext_lazy("intervention"),
    "event": gettext_lazy("event"),
    "monitoring moment": gettext_lazy("monitoring moment"),
}
_IMPORTS = {
    "casussen": gettext_lazy("import of cases"),
    "gebeurtenissen": gettext_lazy("import of events"),
    "monitoringmomenten": gettext_lazy("import of monitoring moments"),
    "analyses": gettext_lazy("import of explanatory analyses"),
    "interventies": gettext_lazy("import of interventions"),
}


def _object(match: re.Match[str]) -> str:
    return _("%(object)s %(number)s") % {
        "object": _OBJECTS[match["kind"]],
        "number": match["number"],
    }


_SHAPES: list[tuple[re.Pattern[str], _Describe]] = [
    (
        re.compile(r"escalated to (?P<team>.+)"),
        lambda m: _("escalated to %(team)s") % {"team": m["team"]},
    ),
    (
        re.compile(r"transferred from (?P<old>.+) to (?P<new>.+)"),
        lambda m: _("transferred from %(old)s to %(new)s") % {"old": m["old"], "new": m["new"]},
    ),
    (
        re.compile(r"analysis v(?P<number>\d+)"),
        lambda m: _("explanatory analysis, version %(number)s") % {"number": m["number"]},
    ),
    (
        re.compile(r"plan v(?P<number>\d+)"),
        lambda m: _("support plan, version %(number)s") % {"number": m["number"]},
    ),
    (re.compile(rf"(?P<kind>{'|'.join(_OBJECTS)}) (?P<number>\d+)"), _object),
    (re.compile(rf"import (?P<kind>{'|'.join(_IMPORTS)})"), lambda m: str(_IMPORTS[m["kind"]])),
    (
        re.compile(r"(?P<count>\d+) entries older than (?P<date>[\d-]+)"),
        lambda m: (
            _("%(count)s entries older than %(date)s") % {"count": m["count"], "date": m["date"]}
        ),
    ),
    (
        re.compile(r"token (?P<token>.+) issued from the command line"),
        lambda m: _("token %(token)s issued from the command line") % {"token": m["token"]},
    ),
    (
        re.compile(r"(?P<what>.+); given from the command line"),
        lambda m: _("%(what)s; given from the command line") % {"what": m["what"]},
    ),
]


def describe(reason: str) -> str:
    for pattern, sentence in _SHAPES:
        match = pattern.fullmatch(reason)
        if match is not None:
            return sentence(match)
    return reason
