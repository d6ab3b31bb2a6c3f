"""CSV export of audit rows, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from opkoers.core.spreadsheet import neutralise
from opkoers.privacy.selectors_audit import LogPage


def header() -> list[str]:
    return [
        _("Tijdstip"),
        _("Medewerker"),
        _("Organisatie"),
        _("Rol"),
        _("Handeling"),
        _("Omschrijving"),
        _("Traject"),
        _("Object"),
        _("Doel of grondslag"),
        _("IP-adres"),
    ]


def write_pages(out: Any, pages: Iterable[LogPage]) -> None:
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header()])
    for page in pages:
        for row in page.rows:
            writer.writerow(
                [
                    neutralise(cell)
                    for cell in (
                        row.at.isoformat(),
                        str(row.actor) if row.actor else "",
                        page.org_names.get(row.actor_organisation_id, "")
                        if row.actor_organisation_id
                        else "",
                        row.actor_role,
                        row.get_action_display(),
                        row.code_label,
                        page.case_refs.get(row.case_id, "") if row.case_id else "",
                        f"{row.object_type} {row.object_id}".strip(),
                        row.purpose,
                        row.ip_address or "",
                    )
                ]
            )
