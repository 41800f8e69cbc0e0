"""Parts that apps above indicators add to a zero goal's O-plaat (a hook registry).

The O-plaat shows more than figures: good examples and running initiatives (from knowledge), and
whatever a learning app has to say about a zero goal. Those apps sit above indicators, so
indicators may not import them. Instead each registers a part once, in its ``AppConfig.ready()``::

    from elkedagbeter.indicators.plate_parts import register_plate_part

    register_plate_part("knowledge", selectors.plate_knowledge)

and the O-plaat page asks every registered part for its context, under the part's name. A part is
called with the user, the zero goal's code and the place's region id (``None`` for the country).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

PlatePart = Callable[[Any, str, int | None], object]

_parts: dict[str, PlatePart] = {}


def register_plate_part(name: str, part: PlatePart) -> None:
    """Add ``part`` to every O-plaat, as the template variable ``name``."""
    registered = _parts.get(name)
    if registered is not None and registered is not part:
        raise ImproperlyConfigured(f"Two O-plaat parts are called {name!r}.")
    _parts[name] = part


def plate_parts(user: Any, zero_goal: str, region_id: int | None) -> dict[str, object]:
    """The context of every registered part for one O-plaat, by name."""
    return {name: part(user, zero_goal, region_id) for name, part in _parts.items()}
