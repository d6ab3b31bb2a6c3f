"""The privacy officer's pages and the break-the-glass form."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opkoers.audit import selectors
from opkoers.audit.export import write_pages
from opkoers.audit.forms import BreakGlassForm, CaseReferenceForm, LogFilterForm
from opkoers.audit.models import AuditAction, BreakGlassAccess
from opkoers.audit.permissions import can_list_break_glass, is_privacy_officer
from opkoers.audit.services import break_glass, record
from opkoers.cases.models import Case
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


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
                    detail={k: str(v) for k, v in filters.items() if v},
                )
    next_query = ""
    if page and page.next_before:
        params = request.GET.copy()
        params["voor"] = str(page.next_before)
        next_query = params.urlencode()
    return render(request, "audit/log.html", {"form": form, "page": page, "next_query": next_query})


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
                selectors.filtered_events({}).filter(resident_id=resident.pk),
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
        {"form": form, "resident": resident, "page": page, "next_query": next_query},
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


def _break_glass_case(request: AuthenticatedRequest, case_id: UUID) -> Case:
    user = request.user
    if not user.works_on_cases:
        raise Http404
    case = Case.objects.select_related("team").filter(pk=case_id, team__in=user.teams.all())
    found = case.first()
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def break_glass_open(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = _break_glass_case(request, case_id)
    active = BreakGlassAccess.objects.filter(
        user=request.user, case=case, expires_at__gt=timezone.now()
    ).first()
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or reverse("cases:worklist"))
                break_glass(user=request.user, case=case, reason=form.cleaned_data["reason"])
                guard.result_url = reverse("cases:detail", args=[case_id])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.warning(
                request,
                _("Noodtoegang geopend tot %(time)s. Dit is vastgelegd.")
                % {"time": timezone.localtime(timezone.now()).strftime("%H:%M")},
            )
            return redirect("cases:detail", case_id=case_id)
    status = 200 if request.method == "GET" or form.is_valid() else 422
    return render(
        request,
        "audit/break_glass_form.html",
        {"form": form, "case": case, "active": active},
        status=status,
    )


def break_glass_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not can_list_break_glass(user):
        raise PermissionDenied
    accesses = selectors.break_glass_for(user, all_teams=is_privacy_officer(user))
    return render(
        request,
        "audit/break_glass_list.html",
        {"accesses": accesses, "now": timezone.now()},
    )
