"""Charts of the signals report as SVG, built on the server: no JavaScript, no inline styles (the CSP
allows style sheets from Kring only). Colours are presentation attributes, which the classes in
`desk/report.css` may override; the page always shows the same figures in a table as well.

Every chart has role="img" with a <title> and <desc>. A hidden count ("minder dan 5") is drawn as a
hatched box from 0 to 5, labelled "minder dan 5": it shows the range the count lies in, not the count.

Pure: text in, markup out; every text is escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

HIDDEN_LABEL = "minder dan 5"
HIDDEN_RANGE = 5
FONT = 13
ROW = 26
BAR = 16
LABEL_WIDTH = 300
BAR_WIDTH = 280
VALUE_WIDTH = 110
MAX_LABEL = 44
BAR_COLOUR = "#1f5f8b"
PREVIOUS_COLOUR = "#9bb9cf"
INK = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: hidden (1 to 4, or hidden with one)


@dataclass(frozen=True)
class Group:
    """One group of columns (a month) with a value per series (None: hidden; missing: not drawn)."""

    label: str
    values: tuple[int | str | None, ...]  # "" for a series without this group


def _id(chart_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", chart_id.lower()) or "chart"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _svg_open(cid: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kring-chart" id="{cid}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="Noto Sans, sans-serif" font-size="{FONT}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{cid}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2"/></pattern></defs>',
    ]


def nice_maximum(value: int) -> int:
    """The top of the scale: at least 5 (the hidden range), rounded up to 1, 2 or 5 times a power of 10."""
    value = max(value, HIDDEN_RANGE)
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover (the loop always returns)


def bar_chart(*, chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars, one row per label, with the count (or "minder dan 5") after each bar."""
    cid = _id(chart_id)
    top = nice_maximum(max((b.value or 0 for b in bars), default=0))
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(1, len(bars)) * ROW + 8
    parts = _svg_open(cid, width, height, title, description)
    x0 = LABEL_WIDTH
    parts.append(
        f'<line class="kring-chart__axis" x1="{x0}" y1="0" x2="{x0}" y2="{height - 4}" stroke="{INK}" />'
    )
    for i, bar in enumerate(bars):
        y = 4 + i * ROW
        middle = y + BAR / 2 + 4
        parts.append(
            f'<text class="kring-chart__label" x="{x0 - 8}" y="{middle}" text-anchor="end" fill="{INK}">'
            f"{escape(_short(bar.label))}</text>"
        )
        if bar.value is None:
            w = BAR_WIDTH * HIDDEN_RANGE / top
            parts.append(
                f'<rect class="kring-chart__bar kring-chart__bar--hidden" x="{x0}" y="{y}" width="{w:.1f}" '
                f'height="{BAR}" fill="url(#{cid}-hatch)" stroke="{INK}" />'
            )
            text = HIDDEN_LABEL
        else:
            w = BAR_WIDTH * bar.value / top
            if bar.value:
                parts.append(
                    f'<rect class="kring-chart__bar" x="{x0}" y="{y}" width="{w:.1f}" height="{BAR}" '
                    f'fill="{BAR_COLOUR}" />'
                )
            text = str(bar.value)
        parts.append(
            f'<text class="kring-chart__value" x="{x0 + w + 6:.1f}" y="{middle}" fill="{INK}">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Sequence[Group],
) -> str:
    """Grouped columns (a group per month, a column per series), with a legend and a scale."""
    cid = _id(chart_id)
    numbers = [v for g in groups for v in g.values if isinstance(v, int)]
    top = nice_maximum(max(numbers, default=0))
    column, gap = 24, 44
    group_width = column * len(series) + gap
    left, legend, plot, bottom = 44, 28, 180, 40
    any_hidden = any(v is None for g in groups for v in g.values)
    legend_width = sum(48 + 8 * len(name) for name in series) + (48 + 8 * len(HIDDEN_LABEL)) * any_hidden
    width = max(320, left + group_width * len(groups) + 10, left + legend_width)
    height = legend + plot + bottom
    base = legend + plot
    colours = (BAR_COLOUR, PREVIOUS_COLOUR)
    parts = _svg_open(cid, width, height, title, description)
    x = left
    for s, name in enumerate(series):  # the legend
        colour = colours[s % len(colours)]
        parts.append(
            f'<rect class="kring-chart__column kring-chart__series-{s}" x="{x}" y="6" width="12" height="12" '
            f'fill="{colour}" />'
            f'<text class="kring-chart__label" x="{x + 16}" y="16" fill="{INK}">{escape(name)}</text>'
        )
        x += 16 + 8 * len(name) + 24
    if any_hidden:
        parts.append(
            f'<rect class="kring-chart__bar--hidden" x="{x}" y="6" width="12" height="12" '
            f'fill="url(#{cid}-hatch)" stroke="{INK}" />'
            f'<text class="kring-chart__label" x="{x + 16}" y="16" fill="{INK}">{HIDDEN_LABEL}</text>'
        )
        x += 16 + 8 * len(HIDDEN_LABEL) + 24
    for tick in (0, top // 2, top):  # the scale
        y = base - plot * tick / top
        parts.append(
            f'<line class="kring-chart__grid" x1="{left}" y1="{y:.1f}" x2="{width - 6}" y2="{y:.1f}" '
            f'stroke="#c8c8c8" />'
            f'<text class="kring-chart__value" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{tick}</text>"
        )
    for g, group in enumerate(groups):
        gx = left + gap / 2 + g * group_width
        for s, value in enumerate(group.values):
            cx = gx + s * column
            if value == "":
                continue
            if value is None or isinstance(value, str):
                h = plot * HIDDEN_RANGE / top
                parts.append(
                    f'<rect class="kring-chart__column kring-chart__bar--hidden" x="{cx:.1f}" '
                    f'y="{base - h:.1f}" '
                    f'width="{column - 4}" height="{h:.1f}" fill="url(#{cid}-hatch)" stroke="{INK}">'
                    f"<title>{escape(group.label)}: {HIDDEN_LABEL}</title></rect>"
                )
                continue
            h = plot * value / top
            colour = colours[s % len(colours)]
            parts.append(
                f'<rect class="kring-chart__column kring-chart__series-{s}" x="{cx:.1f}" y="{base - h:.1f}" '
                f'width="{column - 4}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(group.label)}: {value}</title></rect>"
            )
        parts.append(
            f'<text class="kring-chart__label" x="{gx + (group_width - gap) / 2:.1f}" y="{base + 18}" '
            f'text-anchor="middle" fill="{INK}">{escape(group.label)}</text>'
        )
    parts.append(
        f'<line class="kring-chart__axis" x1="{left}" y1="{base}" x2="{width - 6}" y2="{base}" '
        f'stroke="{INK}" />'
    )
    parts.append("</svg>")
    return "".join(parts)
