"""Rendering the printable plan with WeasyPrint, without ever reaching the network.

The template embeds its own stylesheet and uses a font installed on the machine (DejaVu
Sans), so the document needs no outside resource at all. The fetcher below refuses every
URL anyway: text typed by users ends up in this HTML, and an <img> or url() that slipped
through must not make the server fetch files or call other hosts."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from opkoers.plans.selectors import PrintablePlan


class OfflineURLFetcher(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError("the plan PDF loads no external resources")


def render_plan_html(plan: PrintablePlan) -> str:
    # The resident's copy is in plain Dutch, whatever language the professional uses.
    with translation.override("nl"):
        return render_to_string("plans/pdf.html", {"plan": plan})


def render_plan_pdf(plan: PrintablePlan) -> bytes:
    html = HTML(string=render_plan_html(plan), url_fetcher=OfflineURLFetcher())
    result: bytes = html.write_pdf()
    return result
