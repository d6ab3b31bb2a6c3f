"""The printable consent form, rendered offline (see plans/pdf.py for why)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from opkoers.consent.selectors import team_organisations
from opkoers.consent.services import max_validity_days
from opkoers.plans.pdf import OfflineURLFetcher

if TYPE_CHECKING:
    from opkoers.consent.case import ConsentCase


def render_form_html(case: ConsentCase) -> str:
    context: dict[str, Any] = {
        "case": case,
        "organisations": list(team_organisations(case)),
        # Rounded down to whole months, as the resident reads it.
        "max_months": max_validity_days() * 12 // 365,
        "printed_on": timezone.localdate(),
    }
    # The resident's copy is in plain Dutch, whatever language the professional uses.
    with translation.override("nl"):
        return render_to_string("consent/form_pdf.html", context)


def render_form_pdf(case: ConsentCase) -> bytes:
    result: bytes = HTML(string=render_form_html(case), url_fetcher=OfflineURLFetcher()).write_pdf()
    return result
