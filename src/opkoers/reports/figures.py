"""The shape of a report: sections of headline figures and tables, and the suppression
of small numbers for readers who may see aggregates only.

A selector computes exact numbers; `suppress` then decides, per reader, what may be
shown. Keeping the two apart lets the tests compare exact figures with an independent
computation, and the suppression rules with hand-made cases."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from django.utils.formats import number_format
from django.utils.translation import gettext as _


class Kind(Enum):
    COUNT = "count"  # a number of cases, people, conversations...
    SHARE = "share"  # numerator / basis, shown as a percentage
    DAYS = "days"  # a duration statistic (median, p25, p75) over `basis` cases
    TEXT = "text"  # a row label or note; never suppressed


@dataclass(frozen=True)
class Cell:
    kind: Kind
    value: int | Decimal | str | None
    # SHARE: value is the numerator; DAYS: the number of cases the figure is over.
    basis: int = 0
    suppressed: bool = False

    @property
    def number(self) -> Decimal | None:
        """The figure as a number (a share in percent), None when absent or hidden."""
        if self.suppressed or self.value is None or self.kind is Kind.TEXT:
            return None
        if self.kind is Kind.SHARE:
            if not self.basis:
                return None
            return (Decimal(int(self.value)) * 100 / self.basis).quantize(
                Decimal("1"), ROUND_HALF_UP
            )
        return Decimal(self.value)

    def __str__(self) -> str:
        if self.kind is Kind.TEXT:
            return str(self.value or "")
        if self.suppressed:
            return _("< %(threshold)s") % {"threshold": self.basis}
        number = self.number
        if number is None:
            return "–"
        if self.kind is Kind.SHARE:
            return f"{number_format(number)}%"
        if self.kind is Kind.DAYS:
            return number_format(number, decimal_pos=1)
        return number_format(number, force_grouping=True)


def count(value: int | None) -> Cell:
    return Cell(Kind.COUNT, int(value or 0))


def share(numerator: int | None, basis: int | None) -> Cell:
    return Cell(Kind.SHARE, int(numerator or 0), basis=int(basis or 0))


def days(value: Decimal | None, basis: int) -> Cell:
    return Cell(Kind.DAYS, value, basis=basis)


def text(value: str) -> Cell:
    return Cell(Kind.TEXT, value)


def plain(value: int) -> Cell:
    """A number that counts no people (organisations, say): never suppressed."""
    return Cell(Kind.TEXT, number_format(value, force_grouping=True))


@dataclass
class Table:
    """A table with a caption; the first column holds row labels. `chart` names the
    column (by index) drawn as a bar chart beside the table, or None for no chart."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: int | None = 1
    # Whether a total of the charted column is shown elsewhere: then a single hidden
    # cell could be worked out by subtraction (see `suppress`).
    has_total: bool = True

    def chart_bars(self) -> list[tuple[str, Cell]]:
        if self.chart is None:
            return []
        return [(str(row[0]), row[self.chart]) for row in self.rows]


@dataclass
class Section:
    key: str
    title: str
    figures: list[tuple[str, Cell]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    available: bool = True


def is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _hide(cell: Cell, threshold: int) -> Cell:
    # basis carries the threshold for display ("< 5"); the exact value is dropped so no
    # template or export can leak it.
    return Cell(cell.kind, None, basis=threshold, suppressed=True)


def suppress_cell(cell: Cell, threshold: int) -> Cell:
    if cell.kind is Kind.COUNT and is_small(int(cell.value or 0), threshold):
        return _hide(cell, threshold)
    if cell.kind is Kind.SHARE and (
        is_small(cell.basis, threshold) or is_small(int(cell.value or 0), threshold)
    ):
        return _hide(cell, threshold)
    if cell.kind is Kind.DAYS and cell.value is not None and cell.basis < threshold:
        return _hide(cell, threshold)
    return cell


def _suppress_table(table: Table, threshold: int) -> Table:
    rows = [[suppress_cell(cell, threshold) for cell in row] for row in table.rows]
    # Secondary suppression: when exactly one count in a column is hidden and the column
    # total is known, the hidden one is the total minus the rest. Hide the next smallest.
    for col in range(1, len(table.columns)):
        if not table.has_total:
            break
        originals = [row[col] for row in table.rows]
        hidden = [i for i, row in enumerate(rows) if row[col].suppressed]
        if len(hidden) != 1 or originals[hidden[0]].kind is not Kind.COUNT:
            continue
        candidates = [
            i
            for i, cell in enumerate(originals)
            if i != hidden[0] and cell.kind is Kind.COUNT and int(cell.value or 0) > 0
        ]
        if candidates:
            smallest = min(candidates, key=lambda i: int(originals[i].value or 0))
            rows[smallest][col] = _hide(originals[smallest], threshold)
    return replace(table, rows=rows)


def suppress(sections: list[Section], threshold: int) -> list[Section]:
    """The sections as a reader of aggregates only may see them: counts from 1 to
    threshold - 1 hidden, and every figure derived from such a count (a share over or
    of a small number, a median over fewer cases than the threshold)."""
    return [
        replace(
            section,
            figures=[(label, suppress_cell(cell, threshold)) for label, cell in section.figures],
            tables=[_suppress_table(table, threshold) for table in section.tables],
        )
        for section in sections
    ]
