"""Charts drawn on the server as SVG: no script needed, each with a table of the same figures.

Triads are drawn in a triangle (corner A at the top, B bottom left, C bottom right) with a
density of stories per small triangle behind the dots; dyads as five-bin histograms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from elkedagbeter.core.privacy import ProtectedCount

SIDE = 300
HEIGHT = SIDE * math.sqrt(3) / 2
MARGIN = 24
DENSITY_STEPS = 5
MAX_DOTS = 1500


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    faded: bool


@dataclass(frozen=True)
class Cell:
    points: str
    opacity: float
    label: str


@dataclass(frozen=True)
class Ternary:
    width: float
    height: float
    frame: str
    cells: list[Cell]
    dots: list[Dot]
    corners: list[tuple[float, float, str, str]]  # x, y, anchor, label


def _xy(a: float, b: float, c: float) -> tuple[float, float]:
    """Barycentric shares to the drawing: A top, B bottom left, C bottom right."""
    x = MARGIN + SIDE * (c + a / 2)
    y = MARGIN + HEIGHT * (1 - a)
    return x, y


def cell_of(shares: tuple[int, int, int], steps: int = DENSITY_STEPS) -> tuple[int, int, bool]:
    """The small triangle a point falls in: (b step, c step, pointing up)."""
    total = sum(shares) or 1
    u, v = shares[1] / total * steps, shares[2] / total * steps
    iu, iv = min(int(u), steps - 1), min(int(v), steps - 1)
    while iu + iv > steps - 1:  # on the far edge
        if iu >= iv:
            iu -= 1
        else:
            iv -= 1
    up = (u - iu) + (v - iv) <= 1 or iu + iv == steps - 1
    return iu, iv, up


def _cell_points(iu: int, iv: int, up: bool, steps: int) -> str:
    corners = (
        [(iu, iv), (iu + 1, iv), (iu, iv + 1)]
        if up
        else [(iu + 1, iv), (iu, iv + 1), (iu + 1, iv + 1)]
    )
    points = []
    for bu, cv in corners:
        b, c = bu / steps, cv / steps
        x, y = _xy(1 - b - c, b, c)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def ternary(
    labels: list[str],
    shown: list[tuple[int, int, int]],
    faded: list[tuple[int, int, int]],
    density: dict[tuple[int, int, bool], ProtectedCount],
) -> Ternary:
    top = max((c.value or 0 for c in density.values()), default=0) or 1
    cells = [
        Cell(
            _cell_points(iu, iv, up, DENSITY_STEPS),
            0.0 if count.value is None else 0.08 + 0.5 * count.value / top,
            str(count),
        )
        for (iu, iv, up), count in sorted(density.items())
        if count.value != 0
    ]
    step = max(1, (len(shown) + len(faded)) // MAX_DOTS)
    dots = [Dot(*_xy(*(s / 1000 for s in p)), faded=True) for p in faded[::step]]
    dots += [Dot(*_xy(*(s / 1000 for s in p)), faded=False) for p in shown[::step]]
    a, b, c = _xy(1, 0, 0), _xy(0, 1, 0), _xy(0, 0, 1)
    frame = " ".join(f"{x:.1f},{y:.1f}" for x, y in (a, b, c))
    corners = [
        (a[0], a[1] - 8, "middle", labels[0]),
        (b[0], b[1] + 16, "start", labels[1]),
        (c[0], c[1] + 16, "end", labels[2]),
    ]
    return Ternary(SIDE + 2 * MARGIN, HEIGHT + 2 * MARGIN + 8, frame, cells, dots, corners)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    hidden: bool


@dataclass(frozen=True)
class Histogram:
    width: int
    height: int
    bars: list[Bar]


def histogram(labels: list[str], counts: list[ProtectedCount]) -> Histogram:
    width, height, bottom = 260, 120, 18
    top = max((c.value or 0 for c in counts), default=0) or 1
    slot = width / max(len(counts), 1)
    bars = []
    for index, (label, count) in enumerate(zip(labels, counts, strict=True)):
        bar_height = 6 if count.value is None else count.value / top * (height - bottom - 14)
        bars.append(
            Bar(
                x=index * slot + 3,
                y=height - bottom - bar_height,
                width=slot - 6,
                height=bar_height,
                label=label,
                value=str(count),
                hidden=count.value is None,
            )
        )
    return Histogram(width, height, bars)


@dataclass(frozen=True)
class Meter:
    """A horizontal bar in a table row (SVG, since inline styles are not allowed)."""

    width: float
    hidden: bool


def meters(counts: list[ProtectedCount], full: int = 160) -> list[Meter]:
    top = max((c.value or 0 for c in counts), default=0) or 1
    return [
        Meter(8.0 if c.value is None else max(1.0, c.value / top * full), c.value is None)
        for c in counts
    ]
