from __future__ import annotations

from decimal import Decimal

from opkoers.reports.figures import Cell, Section, Table


def table(sections: list[Section], key: str) -> Table:
    return next(t for s in sections for t in s.tables if t.key == key)


def rows(sections: list[Section], key: str) -> dict[str, list[Cell]]:
    return {str(row[0]): row[1:] for row in table(sections, key).rows}


def numbers(sections: list[Section], key: str) -> dict[str, list[Decimal | None]]:
    """Per row label the figures as numbers (shares in whole percent)."""
    return {label: [c.number for c in cells] for label, cells in rows(sections, key).items()}


def figure(sections: list[Section], label: str) -> Cell:
    return next(c for s in sections for lab, c in s.figures if lab == label)
