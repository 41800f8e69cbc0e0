"""``{{ entry.reason|reason }}``: an access-log reason in the reader's language."""

from __future__ import annotations

from django import template

from elkedagbeter.audit.reasons import describe

register = template.Library()


@register.filter(name="reason")
def reason(value: str | None) -> str:
    return describe(value or "")
