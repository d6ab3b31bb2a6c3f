"""The factsheet as CSV and XLSX: every headline figure and table, exactly as the reader
sees them on the page (suppressed cells read "< 5"). Text that a spreadsheet would take
for a formula is neutralised, in both formats (openpyxl writes a string that starts
with "=" as a formula)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from opkoers.core.spreadsheet import neutralise
from opkoers.reports.figures import Cell, Kind
from opkoers.reports.report import Report

# Characters Excel refuses in a sheet name.
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _period(report: Report) -> list[str]:
    team = report.team.name if report.team else _("Alle teams")
    return [_("Periode"), f"{report.start.isoformat()} – {report.end.isoformat()}", team]


def to_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([neutralise(v) for v in [_("Factsheet Op Koers"), *_period(report)]])
    for section in report.sections:
        writer.writerow([])
        writer.writerow([neutralise(section.title)])
        for label, cell in section.figures:
            writer.writerow([neutralise(label), neutralise(str(cell))])
        for note in section.notes:
            writer.writerow([neutralise(note)])
        for table in section.tables:
            writer.writerow([])
            writer.writerow([neutralise(table.caption)])
            writer.writerow([neutralise(c) for c in table.columns])
            for row in table.rows:
                writer.writerow([neutralise(str(cell)) for cell in row])
    # A byte-order mark so that Excel opens the accents correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(cell: Cell) -> Any:
    number = cell.number
    if number is not None and cell.kind is Kind.COUNT:
        return int(number)
    if number is not None and cell.kind is Kind.DAYS:
        return float(number)
    if number is not None and cell.kind is Kind.MONEY:
        return number  # openpyxl writes a Decimal as an exact number
    return neutralise(str(cell))


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for section in report.sections:
        title = section.title.translate(SHEET_FORBIDDEN)[:31]
        while title in used:
            title = title[:29] + str(len(used))
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append([neutralise(section.title), *[neutralise(v) for v in _period(report)]])
        for label, cell in section.figures:
            sheet.append([neutralise(label), _xlsx_value(cell)])
        for note in section.notes:
            sheet.append([neutralise(note)])
        for table in section.tables:
            sheet.append([])
            sheet.append([neutralise(table.caption)])
            sheet.append([neutralise(c) for c in table.columns])
            for row in table.rows:
                sheet.append([_xlsx_value(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
