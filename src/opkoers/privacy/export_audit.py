"""CSV export of audit rows, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opkoers.core.spreadsheet import neutralise
from opkoers.privacy.selectors_audit import LogPage


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


def write_pages(out: Any, pages: Iterable[LogPage]) -> None:
    """The resident's overview as a spreadsheet: Dutch (semicolons, a BOM so that it
    opens as UTF-8), in local time, with labels instead of codes and no ids."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([neutralise(h) for h in header()])
    for page in pages:
        for row in page.rows:
            writer.writerow(
                [
                    neutralise(cell)
                    for cell in (
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
                    )
                ]
            )


def role_label(role: str) -> str:
    from opkoers.accounts.models import Role

    return str(Role(role).label) if role in Role.values else role


PURPOSES = {
    "casusteam": _("aan tafel in het casusteam"),
    "projectleider": _("projectleider van het team"),
    "aanmelding": _("aanmelding, om toestemming te vragen"),
    "noodtoegang": _("noodtoegang"),
}


def purpose_label(purpose: str) -> str:
    return str(PURPOSES.get(purpose, purpose))
