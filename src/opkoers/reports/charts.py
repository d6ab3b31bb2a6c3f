"""Horizontal bar charts as plain SVG geometry, drawn by the templates. No JavaScript
and no inline style (the Content-Security-Policy refuses both); the table beside each
chart carries the figures for screen readers, so the SVG itself is aria-hidden."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from opkoers.reports.figures import Kind, Table

WIDTH = 480
LABEL_WIDTH = 190
VALUE_WIDTH = 60
BAR_HEIGHT = 18
GAP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    bar_x: int


def bar_chart(table: Table) -> Chart | None:
    pairs = table.chart_bars()
    if not pairs:
        return None
    numbers = [cell.number or Decimal(0) for _label, cell in pairs]
    is_share = any(cell.kind is Kind.SHARE for _label, cell in pairs)
    top = Decimal(100) if is_share else max(numbers, default=Decimal(0))
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for i, ((label, cell), number) in enumerate(zip(pairs, numbers, strict=True)):
        y = i * (BAR_HEIGHT + GAP)
        width = int(room * number / top) if top > 0 else 0
        short = label if len(label) <= 28 else label[:27] + "…"
        bars.append(
            Bar(
                label=short,
                value=str(cell),
                y=y,
                width=max(width, 0),
                text_y=y + BAR_HEIGHT - 5,
                value_x=LABEL_WIDTH + max(width, 0) + 4,
            )
        )
    return Chart(bars=bars, width=WIDTH, height=len(bars) * (BAR_HEIGHT + GAP), bar_x=LABEL_WIDTH)
