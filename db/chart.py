"""Bar charts as inline SVG, drawn on the server: the site's charts need no JavaScript
and no network, and read the same in a browser, a screenshot and a test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 760, 320  # the viewBox; the SVG scales to its container's width
TOP, RIGHT, BOTTOM, LEFT = 30, 12, 70, 84  # margins around the plot, for labels
MAX_VALUE_LABELS = 24  # more bars than this: values only in each bar's tooltip


@dataclass(frozen=True)
class Bar:
    """One bar: its label on the x axis, its height, and its value as a reader reads it."""

    label: str
    value: float
    text: str


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Return axis ticks from 0 in steps of 1, 2, 2.5 or 5 times a power of ten.

    :param maximum: the largest value the axis must reach; 0 or less gives [0.0, 1.0].
    :param count: about how many steps to make.

    >>> nice_ticks(45e9)
    [0.0, 20000000000.0, 40000000000.0, 60000000000.0]
    >>> nice_ticks(3)
    [0.0, 1.0, 2.0, 3.0]
    """
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(float(m * magnitude) for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    steps = math.ceil(maximum / step - 1e-9)
    return [step * i for i in range(steps + 1)]


def bar_chart(bars: Sequence[Bar], title: str,
              tick_text: Callable[[float], str] = "{:,g}".format) -> str:
    """Return an SVG bar chart of ``bars`` in their order, or "" when there are none.

    :param bars: the bars, left to right; negative values are drawn as 0.
    :param title: what the chart shows; its accessible name and heading.
    :param tick_text: writes a value of the y axis, e.g. ``lambda v: format_money(v, "USD")``.

    >>> svg = bar_chart([Bar("2025-09", 17.4e9, "$17.4 bn"), Bar("2025-11", 45e9, "$45.0 bn")],
    ...                 "Deal value by month")
    >>> svg.count('class="bar"'), "$45.0 bn" in svg
    (2, True)
    """
    if not bars:
        return ""
    ticks = nice_ticks(max(max(bar.value for bar in bars), 0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    width = max(slot * 0.7, 1)
    rotate = len(bars) > 8

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * max(value, 0) / ticks[-1]

    parts = [
        f'<svg class="newsfacts-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text class="chart-title" x="{LEFT}" y="{TOP - 12}">{escape(title)}</text>',
    ]
    for tick in ticks:
        at = y(tick)
        parts.append(f'<line class="grid" stroke="#e3e3e3" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{at:.1f}" y2="{at:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end">'
                     f"{escape(tick_text(tick))}</text>")
    base = TOP + plot_h
    for i, bar in enumerate(bars):
        x = LEFT + slot * i + (slot - width) / 2
        top, middle, label = y(bar.value), x + width / 2, escape(bar.label)
        parts.append(f'<g class="bar-group"><rect class="bar" fill="#3b6fb6" x="{x:.1f}" '
                     f'y="{top:.1f}" width="{width:.1f}" height="{base - top:.1f}" '
                     f'data-label="{label}" data-value="{bar.value}">'
                     f"<title>{label}: {escape(bar.text)}</title></rect>")
        if len(bars) <= MAX_VALUE_LABELS:
            parts.append(f'<text class="value" x="{middle:.1f}" y="{top - 4:.1f}" '
                         f'text-anchor="middle">{escape(bar.text)}</text>')
        # Long runs of months: slanted labels fit under narrow bars.
        slant = (f'text-anchor="end" transform="rotate(-40 {middle:.1f} {base + 14})"'
                 if rotate else 'text-anchor="middle"')
        parts.append(f'<text class="label" x="{middle:.1f}" y="{base + 14}" {slant}>{label}</text>')
        parts.append("</g>")
    parts.append(f'<line class="axis" stroke="#888" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                 f'y1="{base}" y2="{base}"/></svg>')
    return "".join(parts)
