"""The plain-language reason of a signal, written from the rule's parameters at display time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Rule


def _day(value: Any) -> str:
    try:
        return date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


def reason(rule: str, detail: Mapping[str, Any]) -> str:
    d = dict(detail)
    for name in ("since", "on", "last", "due", "closed_on"):
        if name in d:
            d[name] = _day(d[name])
    match rule:
        case Rule.PLAN_MISFIT:
            return (
                _(
                    "The plan did not fit at %(count)s monitoring moments in a row "
                    "(since %(since)s)."
                )
                % d
            )
        case Rule.SAFETY if "before" in d:
            return _("Safety fell from %(before)s to %(now)s on %(on)s.") % d
        case Rule.SAFETY:
            return (
                _("Safety is %(now)s, below the region's threshold of %(floor)s (since %(since)s).")
                % d
            )
        case Rule.NO_PROGRESS:
            return (
                _(
                    "No desired result has moved forward over %(count)s monitoring moments "
                    "(since %(since)s)."
                )
                % d
            )
        case Rule.NO_MOMENT:
            return (
                _(
                    "No monitoring moment for %(days)s days (the region's norm is %(norm)s days; "
                    "last: %(last)s)."
                )
                % d
            )
        case Rule.TRANSFERS:
            return _("Transfer number %(count)s within twelve months, on %(on)s.") % d
        case Rule.WAITING:
            return _("Waiting for %(days)s days, longer than the norm of %(norm)s days.") % d
        case Rule.NO_ANALYSIS if d.get("what") == "placement":
            return _("A placement started on %(on)s without a current explanatory analysis.") % d
        case Rule.NO_ANALYSIS:
            return _("Help started on %(on)s without a current explanatory analysis.") % d
        case Rule.SECLUSION if int(d.get("count", 1)) > 1:
            return _("A seclusion on %(on)s; %(count)s seclusions within twelve months.") % d
        case Rule.SECLUSION:
            return _("A seclusion on %(on)s.") % d
        case Rule.RUNAWAY:
            return _("Ran away for the %(count)s time within twelve months, on %(on)s.") % {
                **d,
                "count": _ordinal(int(d.get("count", 2))),
            }
        case Rule.NOT_HEARD:
            return (
                _(
                    "The family did not feel heard at %(count)s monitoring moments in a row "
                    "(since %(since)s)."
                )
                % d
            )
        case Rule.SCORE_GAP:
            return (
                ngettext(
                    "The family scores %(goals)s desired result %(gap)s points apart from the "
                    "professional (%(on)s).",
                    "The family scores %(goals)s desired results up to %(gap)s points apart from "
                    "the professional (%(on)s).",
                    int(d.get("goals", 1)),
                )
                % d
            )
        case Rule.RECURRENCE:
            return (
                _(
                    "Reported again: a youth of this household was in a case closed on "
                    "%(closed_on)s, %(days)s days before this one started."
                )
                % d
            )
        case Rule.OVERDUE_AGREEMENT:
            return _("An agreement from a case conference was due on %(due)s and is not done.") % d
    return _("A signal.")


def _ordinal(n: int) -> str:
    words = {2: _("second"), 3: _("third"), 4: _("fourth"), 5: _("fifth")}
    return words.get(n, _("%(n)sth") % {"n": n})
