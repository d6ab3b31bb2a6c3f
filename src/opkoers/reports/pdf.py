"""The factsheet as a one- or two-page A4 PDF, like the appendix of the seed documents.
Rendered offline, as the plan PDF is (see plans/pdf.py)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from opkoers.plans.pdf import OfflineURLFetcher
from opkoers.reports.report import Report

# The tables the printed factsheet carries; the page shows them all.
PRINTED = ["channels", "domains", "results", "lead_times", "follow_up_calls", "goals", "ladder"]


def render_factsheet_html(report: Report) -> str:
    tables = {table.key: table for section in report.sections for table in section.tables}
    return render_to_string(
        "reports/pdf.html",
        {
            "report": report,
            "tables": [tables[key] for key in PRINTED if key in tables],
            "made_at": timezone.localtime(),
        },
    )


def render_factsheet_pdf(report: Report) -> bytes:
    html = HTML(string=render_factsheet_html(report), url_fetcher=OfflineURLFetcher())
    result: bytes = html.write_pdf()
    return result
