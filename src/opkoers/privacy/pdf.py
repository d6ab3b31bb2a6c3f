"""The resident's overview as a PDF, rendered offline like the plan and the consent
form (see plans/pdf.py for why no resource is ever fetched)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from opkoers.plans.pdf import OfflineURLFetcher
from opkoers.privacy.export_audit import header, rows
from opkoers.privacy.selectors_audit import LogPage

# WeasyPrint cannot stream: it lays out the whole document in memory (about 25 rows a
# page). Beyond this the PDF says it is cut short and points to the CSV, which is
# always complete (docs/handleiding/auditlog.md).
PDF_MAX_ROWS = 1000


def render_overview_html(page: LogPage, *, reference: str) -> str:
    # The resident's copy is in plain Dutch, whatever language the officer uses.
    with translation.override("nl"):
        context = {
            "header": header(),
            "rows": list(rows([page])),
            "reference": reference,
            "truncated": page.next_before is not None,
            "max_rows": PDF_MAX_ROWS,
            "printed_at": timezone.localtime(),
        }
        return render_to_string("audit/resident_overview_pdf.html", context)


def render_overview_pdf(page: LogPage, *, reference: str) -> bytes:
    html = HTML(
        string=render_overview_html(page, reference=reference), url_fetcher=OfflineURLFetcher()
    )
    result: bytes = html.write_pdf()
    return result
