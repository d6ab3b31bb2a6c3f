"""The privacy officer's pages: the audit log and the resident's overview."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.core.http import AuthenticatedRequest
from opkoers.privacy import selectors_audit as selectors
from opkoers.privacy.export_audit import stream_pages, write_pages
from opkoers.privacy.forms_audit import CaseReferenceForm, LogFilterForm
from opkoers.privacy.pdf import PDF_MAX_ROWS, render_overview_pdf
from opkoers.privacy.permissions import is_privacy_officer


def _require_privacy_officer(request: AuthenticatedRequest) -> None:
    if not is_privacy_officer(request.user):
        raise PermissionDenied


def _before(request: AuthenticatedRequest) -> int | None:
    try:
        value = int(request.GET.get("voor", ""))
    except ValueError:
        return None
    return value if value > 0 else None


def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    _require_privacy_officer(request)
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = None
    if not form.is_bound or form.is_valid():
        page = selectors.log_page(
            selectors.filtered_events(filters),
            before=_before(request),
            page_size=settings.OPKOERS["AUDIT_PAGE_SIZE"],
        )
        if filters:
            with transaction.atomic():
                record(
                    actor=request.user,
                    action=AuditAction.SEARCH,
                    code="audit.log.search",
                    detail=_filter_detail(filters),
                )
    next_query = ""
    if page and page.next_before:
        params = request.GET.copy()
        params["voor"] = str(page.next_before)
        next_query = params.urlencode()
    export_query = request.GET.copy()
    export_query.pop("voor", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "next_query": next_query,
            "export_query": export_query.urlencode(),
        },
    )


def _filter_detail(filters: dict[str, object]) -> dict[str, str]:
    # The filters hold a staff member, a case reference, dates, an action and a code:
    # no resident's name ever travels in this URL or lands in the audit row.
    return {k: str(v) for k, v in filters.items() if v}


@require_safe
def audit_log_export(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    """The filtered log as a Dutch CSV, streamed in keyset chunks (bounded memory)."""
    _require_privacy_officer(request)
    form = LogFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The log page shows the same filters with their Dutch errors.
        return redirect(f"{reverse('audit:log')}?{request.GET.urlencode()}")
    filters = form.cleaned_data if form.is_bound else {}
    with transaction.atomic():
        # Recorded before the first row is read: an export that started is on record.
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="privacy.audit_export",
            detail=_filter_detail(filters),
        )
    response = StreamingHttpResponse(
        stream_pages(selectors.iter_events(selectors.filtered_events(filters))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
    response["Cache-Control"] = "no-store"
    return response


def resident_overview(request: AuthenticatedRequest) -> HttpResponse:
    """'Who looked at my file': every row about one resident, for an access request."""
    _require_privacy_officer(request)
    form = CaseReferenceForm(request.GET or None)
    resident, page = None, None
    if form.is_bound and form.is_valid():
        resident = selectors.resident_for_reference(form.cleaned_data["case_reference"])
        if resident is None:
            form.add_error("case_reference", _("Er is geen traject met dit kenmerk."))
        else:
            page = selectors.log_page(
                selectors.resident_events(resident.pk),
                before=_before(request),
                page_size=settings.OPKOERS["AUDIT_PAGE_SIZE"],
            )
            with transaction.atomic():
                record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    code="audit.resident_overview.view",
                    resident=resident,
                    purpose=_("inzageverzoek"),
                )
    next_query = ""
    if page and page.next_before:
        params = request.GET.copy()
        params["voor"] = str(page.next_before)
        next_query = params.urlencode()
    return render(
        request,
        "audit/resident_overview.html",
        {
            "form": form,
            "resident": resident,
            "page": page,
            "next_query": next_query,
            "pdf_max_rows": PDF_MAX_ROWS,
        },
    )


def resident_overview_export(request: AuthenticatedRequest) -> HttpResponse:
    _require_privacy_officer(request)
    form = CaseReferenceForm(request.GET or None)
    if not form.is_valid():
        return redirect("audit:resident_overview")
    resident = selectors.resident_for_reference(form.cleaned_data["case_reference"])
    if resident is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inzage-auditlog.csv"'
    response["Cache-Control"] = "no-store"
    with transaction.atomic():
        # Audited before the rows are read, so the export lists itself too.
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="audit.resident_overview.export",
            resident=resident,
            purpose=_("inzageverzoek"),
        )
        write_pages(response, selectors.iter_resident_events(resident.pk))
    return response


@require_safe
def resident_overview_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """The resident's overview as a PDF to hand over: the newest PDF_MAX_ROWS rows
    (WeasyPrint lays out a whole document in memory); the CSV stays complete."""
    _require_privacy_officer(request)
    form = CaseReferenceForm(request.GET or None)
    if not form.is_valid():
        return redirect("audit:resident_overview")
    reference = form.cleaned_data["case_reference"]
    resident = selectors.resident_for_reference(reference)
    if resident is None:
        raise Http404
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="audit.resident_overview.pdf",
            resident=resident,
            purpose=_("inzageverzoek"),
        )
        page = selectors.log_page(
            selectors.resident_events(resident.pk), before=None, page_size=PDF_MAX_ROWS
        )
    response = HttpResponse(render_overview_pdf(page, reference=reference), "application/pdf")
    response["Content-Disposition"] = 'attachment; filename="inzage-auditlog.pdf"'
    response["Cache-Control"] = "no-store"
    return response
