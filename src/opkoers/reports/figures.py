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
    MONEY = "money"  # an amount in euros; `basis` is the number of items it sums


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
        if self.kind is Kind.MONEY:
            return "€ " + number_format(number, decimal_pos=2, force_grouping=True)
        return number_format(number, force_grouping=True)


def count(value: int | None) -> Cell:
    return Cell(Kind.COUNT, int(value or 0))


def share(numerator: int | None, basis: int | None) -> Cell:
    return Cell(Kind.SHARE, int(numerator or 0), basis=int(basis or 0))


def days(value: Decimal | None, basis: int) -> Cell:
    return Cell(Kind.DAYS, value, basis=basis)


def money(amount: Decimal | None, items: int | None) -> Cell:
    """An amount over `items` requests: hidden wherever that count would be, since an
    amount over one request tells what one resident received."""
    return Cell(Kind.MONEY, Decimal(amount or 0), basis=int(items or 0))


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
    # Whether the totals of the count columns are known (shown elsewhere, or derivable
    # from a share): then a single hidden cell could be worked out by subtraction.
    has_total: bool = True
    # (total column, part columns) when each row's parts add up to a total in the row,
    # such as improved + same + worse = cases. Protected the same way, per row.
    row_parts: tuple[int, tuple[int, ...]] | None = None

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
    if cell.kind is Kind.MONEY and is_small(cell.basis, threshold):
        return _hide(cell, threshold)
    return cell


Position = tuple[int, int]


class _Protector:
    """Secondary suppression on one table. When the hidden parts of a known total are a
    single cell, or add up to a small number, subtraction would reveal them: hide the
    smallest shown part too (or, with no part left, the total in the row), until that
    no longer holds. Then hide every share whose numerator or basis was hidden."""

    def __init__(self, table: Table, threshold: int) -> None:
        self.table = table
        self.threshold = threshold
        self.rows = [[suppress_cell(cell, threshold) for cell in row] for row in table.rows]

    def value(self, pos: Position) -> int:
        cell = self.table.rows[pos[0]][pos[1]]
        return int(cell.value or 0) if cell.kind is Kind.COUNT else 0

    def hidden(self, pos: Position) -> bool:
        return self.rows[pos[0]][pos[1]].suppressed

    def hide(self, pos: Position) -> None:
        self.rows[pos[0]][pos[1]] = _hide(self.table.rows[pos[0]][pos[1]], self.threshold)

    def protect(self, parts: list[Position], total: Position | None) -> bool:
        changed = False
        while True:
            hidden = [p for p in parts if self.hidden(p)]
            if not hidden:
                return changed
            if len(hidden) > 1 and not is_small(sum(map(self.value, hidden)), self.threshold):
                return changed
            shown = [p for p in parts if not self.hidden(p) and self.value(p) > 0]
            if shown:
                self.hide(min(shown, key=self.value))
            elif total is not None and not self.hidden(total) and self.value(total) > 0:
                self.hide(total)
                return True
            else:
                return changed
            changed = True

    def run(self) -> list[list[Cell]]:
        table = self.table
        count_columns = [
            col
            for col in range(1, len(table.columns))
            if any(row[col].kind is Kind.COUNT for row in table.rows)
        ]
        # A hidden cell found by one pass can expose another: repeat until stable.
        for _round in range(len(table.columns) + len(table.rows)):
            changed = False
            if table.has_total:
                for col in count_columns:
                    parts = [(r, col) for r in range(len(table.rows))]
                    changed |= self.protect(parts, None)
            if table.row_parts:
                total_col, part_cols = table.row_parts
                for r in range(len(table.rows)):
                    parts = [(r, c) for c in part_cols]
                    changed |= self.protect(parts, (r, total_col))
            if not changed:
                break
        for r, row in enumerate(table.rows):
            # The exact values hidden in this row (conservative: an equal number in a
            # share is taken to be the same count).
            secret = {
                self.value((r, c))
                for c, cell in enumerate(row)
                if cell.kind is Kind.COUNT and self.hidden((r, c))
            }
            for c, cell in enumerate(row):
                if (
                    cell.kind is Kind.SHARE
                    and not self.hidden((r, c))
                    and secret & {int(cell.value or 0), cell.basis}
                ):
                    self.hide((r, c))
        return self.rows


def _suppress_table(table: Table, threshold: int) -> Table:
    return replace(table, rows=_Protector(table, threshold).run())


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
