"""The ledger of a team's year and its exports for the financial administration.

The export holds what the administration needs to book a payment (case reference,
purpose, payee, amounts, dates, reference) and no resident name: the reference links
back to the case for whoever may open it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.models import BudgetRequest
from opkoers.budgets.permissions import led_teams
from opkoers.budgets.selectors import ledger
from opkoers.budgets.views.team import pick_team, pick_year
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.spreadsheet import neutralise

PAGE_LIMIT = 500


@require_safe
def ledger_page(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, led_teams(request.user))
    year = pick_year(request)
    rows = list(ledger(team, year)[: PAGE_LIMIT + 1])
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.VIEW,
            code="budget.ledger",
            detail={"team": str(team.pk), "year": year},
            # Each resident's overview shows that their case was on the page.
            listed=sorted({(row.case_id, row.case.resident_id) for row in rows[:PAGE_LIMIT]}),
        )
    return render(
        request,
        "budgets/ledger.html",
        {
            "team": team,
            "teams": teams,
            "year": year,
            "rows": rows[:PAGE_LIMIT],
            "more": len(rows) > PAGE_LIMIT,
        },
    )


def header() -> list[str]:
    return [
        _("Traject"),
        _("Waarvoor"),
        _("Te betalen aan"),
        _("Bedrag"),
        _("Status"),
        _("Goedgekeurd op"),
        _("Goedgekeurd door"),
        _("Boven maximum"),
        _("Betaald op"),
        _("Betalingskenmerk"),
        _("Aangevraagd door"),
    ]


def cells(row: BudgetRequest) -> list[Any]:
    """Typed cells: the XLSX keeps numbers and dates as such; CSV stringifies them."""
    return [
        row.case.reference,
        row.purpose,
        row.payee,
        row.amount,
        str(row.get_status_display()),
        timezone.localtime(row.decided_at).date() if row.decided_at else None,
        str(row.decided_by or ""),
        _("ja") if row.cap_override else _("nee"),
        row.paid_on,
        row.payment_reference,
        str(row.requested_by),
    ]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return neutralise(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[BudgetRequest]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # Excel reads the file as UTF-8 only with a BOM
    yield writer.writerow([neutralise(h) for h in header()])
    for row in rows:
        yield writer.writerow([_csv_value(c) for c in cells(row)])


def _audit_export(request: AuthenticatedRequest, team: Any, year: int, fmt: str) -> None:
    # Every case in the file, for the residents' overviews: one query, one row per case.
    listed = ledger(team, year).order_by().values_list("case_id", "case__resident_id").distinct()
    record(
        actor=request.user,
        action=AuditAction.EXPORT,
        code="budget.ledger.export",
        detail={"team": str(team.pk), "year": year, "format": fmt},
        listed=list(listed),
    )


@require_safe
def export_csv(request: AuthenticatedRequest) -> StreamingHttpResponse:
    team, _teams = pick_team(request, led_teams(request.user))
    year = pick_year(request)
    with transaction.atomic():
        _audit_export(request, team, year, "csv")
    rows = ledger(team, year).iterator(chunk_size=500)
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="maatwerkbudget-{year}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def export_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    from openpyxl import Workbook

    team, _teams = pick_team(request, led_teams(request.user))
    year = pick_year(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"Maatwerkbudget {year}")
    sheet.append(header())
    with transaction.atomic():
        _audit_export(request, team, year, "xlsx")
        for row in ledger(team, year).iterator(chunk_size=500):
            # Text cells are neutralised too: a spreadsheet may re-evaluate them on edit.
            sheet.append([neutralise(c) if isinstance(c, str) else c for c in cells(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="maatwerkbudget-{year}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
