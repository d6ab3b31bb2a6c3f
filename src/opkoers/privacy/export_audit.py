"""CSV export of audit rows, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opkoers.core.spreadsheet import neutralise
from opkoers.privacy.selectors_audit import LogPage, purpose_label, role_label

__all__ = ["header", "purpose_label", "role_label", "rows", "stream_pages", "write_pages"]

BOM = "\ufeff"


def header() -> list[str]:
    return [
        _("Wanneer"),
        _("Wie"),
        _("Organisatie"),
        _("Rol"),
        _("Wat"),
        _("Omschrijving"),
        _("Traject"),
        _("Waarom"),
    ]


def rows(pages: Iterable[LogPage]) -> Iterator[list[str]]:
    """One list of cells per audit row: local time, labels instead of codes, no ids."""
    for page in pages:
        for row in page.rows:
            yield [
                date_format(timezone.localtime(row.at), "j-n-Y H:i"),
                str(row.actor) if row.actor else "",
                page.org_names.get(row.actor_organisation_id, "")
                if row.actor_organisation_id
                else "",
                role_label(row.actor_role),
                row.get_action_display(),
                row.code_label,
                page.case_refs.get(row.case_id, "") if row.case_id else "",
                purpose_label(row.purpose),
            ]


def write_pages(out: Any, pages: Iterable[LogPage]) -> None:
    """Audit rows as a spreadsheet: Dutch (semicolons, a BOM so that it opens as
    UTF-8), in local time, with labels instead of codes and no ids."""
    out.write(BOM)
    writer = csv.writer(out, delimiter=";")
    writer.writerow([neutralise(h) for h in header()])
    for cells in rows(pages):
        writer.writerow([neutralise(cell) for cell in cells])


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream_pages(pages: Iterable[LogPage]) -> Iterator[str]:
    """The same file as write_pages, one line at a time, for a StreamingHttpResponse:
    memory stays at one chunk of rows however long the log is."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM
    yield writer.writerow([neutralise(h) for h in header()])
    for cells in rows(pages):
        yield writer.writerow([neutralise(cell) for cell in cells])
