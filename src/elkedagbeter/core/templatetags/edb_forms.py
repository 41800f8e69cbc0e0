"""Render Django form widgets with NL Design System classes and ARIA links to help and errors."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
]
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def widget_class(widget: forms.Widget) -> str:
    for widget_type, css_class in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return _TEXTBOX


@register.simple_tag
def utrecht_widget(field: forms.BoundField) -> SafeString:
    """The widget with its design-system class, `aria-describedby` and `aria-invalid`."""
    css_class = widget_class(field.field.widget)
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        css_class += " utrecht-textbox--invalid" if css_class == _TEXTBOX else ""
    attrs: dict[str, Any] = {"class": css_class}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
