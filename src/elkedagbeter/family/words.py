"""Critical events in everyday words, for the family's timeline (B1)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import EventKind

EVERYDAY: dict[str, Promise] = {
    EventKind.PLACEMENT: _("Went to live somewhere else"),
    EventKind.TRANSFER: _("Moved to another place to live"),
    EventKind.SECLUSION: _("Was put in a room alone"),
    EventKind.HANDOVER: _("Another team took over"),
    EventKind.WAITING_START: _("Started waiting for help"),
    EventKind.WAITING_END: _("The wait for help ended"),
    EventKind.CRISIS: _("A crisis: urgent help was needed"),
    EventKind.BREAKDOWN: _("The help stopped before it was finished"),
    EventKind.RUNAWAY: _("Ran away"),
    EventKind.SCHOOL_DROPOUT: _("Stopped going to school"),
    EventKind.SUICIDE_ATTEMPT: _("A very hard moment: tried to end their life"),
    EventKind.SUICIDE: _("Died"),
    EventKind.DIAGNOSIS: _("A doctor gave a diagnosis"),
    EventKind.RETURN_HOME: _("Came back home"),
    EventKind.REVICTIMISATION: _("Was hurt again"),
}


def everyday(kind: str) -> Promise:
    return EVERYDAY.get(kind, _("Something important happened"))
