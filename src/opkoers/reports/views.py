"""The dashboard, its exports, and a case's own effect measurement."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from opkoers.cases.access import To, access_case
from opkoers.cases.selectors import case_header
from opkoers.core.http import AuthenticatedRequest
from opkoers.reports.charts import bar_chart
from opkoers.reports.exports import to_csv, to_xlsx
from opkoers.reports.pdf import render_factsheet_pdf
from opkoers.reports.report import Report, audit_report, build_report
from opkoers.reports.selectors.case_effect import case_effect

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _render_dashboard(request: AuthenticatedRequest, report: Report) -> HttpResponse:
    charts = {
        table.key: bar_chart(table) for section in report.sections for table in section.tables
    }
    query = request.GET.urlencode()
    return render(
        request,
        "reports/dashboard.html",
        {"report": report, "charts": charts, "query": query},
    )


@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    report = build_report(request)
    if report.sections:
        audit_report(request, report)
    return _render_dashboard(request, report)


def _download(content: bytes, content_type: str, name: str, report: Report) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    period = f"{report.start.isoformat()}-{report.end.isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="factsheet-{period}.{name}"'
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    report = build_report(request)
    if not report.sections:
        # An invalid period: back to the page, which shows what is wrong.
        return _render_dashboard(request, report)
    if fmt == "pdf":
        content, content_type = render_factsheet_pdf(report), "application/pdf"
    elif fmt == "xlsx":
        content, content_type = to_xlsx(report), XLSX
    else:
        content, content_type = to_csv(report), "text/csv; charset=utf-8"
    # Audited once the file exists: a failed rendering exported nothing.
    audit_report(request, report, export=fmt)
    return _download(content, content_type, fmt, report)


@require_GET
def effect(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.READ, audit="case.effect").case
    data = case_effect(case)
    return render(
        request,
        "reports/case_effect.html",
        {"case": case, "header": case_header(case), "effect": data},
    )
