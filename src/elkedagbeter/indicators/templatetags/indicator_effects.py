"""The effect of a decision on a page: ``{% effect_view effect as view %}``, used by the include
``indicators/includes/effect.html``."""

from __future__ import annotations

from django import template

from ..effect_chart import EffectView
from ..effect_chart import effect_view as build_effect_view
from ..effects import Effect

register = template.Library()


@register.simple_tag
def effect_view(effect: Effect) -> EffectView:
    return build_effect_view(effect)
