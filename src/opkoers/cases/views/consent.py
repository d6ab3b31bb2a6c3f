"""The consent page of a case and its forms (namespace `consent`, cases/urls_consent.py).
They live in cases, not in consent, because they reach the case through cases.access;
consent's own services, selectors and forms do the work. These pages show no personal
data of the resident beyond the consent itself, so they fetch the case with `To.KNOW`:
a team member without coverage must be able to see why and what to do."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, access_case
from opkoers.cases.models import Case
from opkoers.consent import services
from opkoers.consent.forms import (
    ConsentForm,
    LegalBasisEndForm,
    LegalBasisForm,
    ScanForm,
    WithdrawForm,
)
from opkoers.consent.models import ConsentVersion
from opkoers.consent.pdf import render_form_pdf
from opkoers.consent.permissions import endable_legal_basis_ids
from opkoers.consent.selectors import consent_overview, team_organisations
from opkoers.core.forms import add_service_errors
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


def _case(request: AuthenticatedRequest, case_id: UUID) -> Case:
    return access_case(request, case_id, to=To.KNOW).case


def _page(
    request: AuthenticatedRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    organisations = team_organisations(case)
    access = access_case(request, case.pk, to=To.KNOW)
    can_manage = access.may(To.MANAGE_CONSENT)
    overview = consent_overview(case)
    may_end = endable_legal_basis_ids(request.user, case, overview.legal_bases)
    context = {
        "case": case,
        "overview": overview,
        "can_manage": can_manage,
        "consent_form": forms.get("consent_form") or ConsentForm(organisations=organisations),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "legal_basis_form": forms.get("legal_basis_form")
        or LegalBasisForm(organisations=organisations),
        "end_form": LegalBasisEndForm(),
        "may_end_ids": may_end,
        "scan_form": forms.get("scan_form") or ScanForm(),
        "can_download": overview.current is not None
        and bool(overview.current.scan)
        and access.may(To.DOWNLOAD_SCAN),
    }
    return render(request, "consent/page.html", context, status=status)


@require_safe
def consent_page(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = _case(request, case_id)
    with transaction.atomic():
        record(actor=request.user, action=AuditAction.VIEW, code="consent.view", case=case)
    return _page(request, case)


def _require_manage(request: AuthenticatedRequest, case: Case) -> None:
    access_case(request, case.pk, to=To.MANAGE_CONSENT)


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("consent:case", args=[case.pk]))


@require_POST
def record_consent(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = _case(request, case_id)
    _require_manage(request, case)
    form = ConsentForm(request.POST, organisations=team_organisations(case))
    if form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url)
                data = form.cleaned_data
                services.record_consent(
                    case=case,
                    by=request.user,
                    organisations=data["organisations"],
                    purpose=data["purpose"],
                    method=data["method"],
                    witness_name=data["witness_name"],
                    given_on=data["given_on"],
                    valid_until=data["valid_until"],
                )
                guard.result_url = reverse("consent:case", args=[case.pk])
            return _back(case)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _page(request, case, consent_form=form)


@require_POST
def withdraw(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = _case(request, case_id)
    _require_manage(request, case)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_consent(
                case=case,
                by=request.user,
                withdrawn_by=form.cleaned_data["withdrawn_by"],
                withdrawn_on=form.cleaned_data["withdrawn_on"],
            )
            return _back(case)
        except ValidationError as exc:
            form.add_error(None, exc)
    return _page(request, case, withdraw_form=form)


@require_POST
def legal_basis(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    """A request for a legal basis; a second person decides (consent/views_legal.decide)."""
    case = _case(request, case_id)
    _require_manage(request, case)
    form = LegalBasisForm(request.POST, organisations=team_organisations(case))
    if form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url)
                services.request_legal_basis(
                    case=case,
                    by=request.user,
                    organisation=form.cleaned_data["organisation"],
                    basis=form.cleaned_data["basis"],
                    motivation=form.cleaned_data["motivation"],
                    ends_on=form.cleaned_data["ends_on"],
                )
                guard.result_url = reverse("consent:case", args=[case.pk])
            messages.success(
                request,
                _(
                    "De grondslag is aangevraagd. Hij telt pas als de projectleider of de "
                    "privacyfunctionaris hem heeft goedgekeurd."
                ),
            )
            return _back(case)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _page(request, case, status=422, legal_basis_form=form)


@require_POST
def upload_scan(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = _case(request, case_id)
    _require_manage(request, case)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_scan(case=case, by=request.user, upload=form.cleaned_data["scan"])
            return _back(case)
        except ValidationError as exc:
            form.add_error(None, exc)
    return _page(request, case, scan_form=form)


@require_safe
def download_scan(
    request: AuthenticatedRequest, case_id: UUID, version_id: UUID
) -> HttpResponseBase:
    case = _case(request, case_id)
    version = get_object_or_404(ConsentVersion, pk=version_id, resident_id=case.resident_id)
    if not version.scan:
        raise Http404
    access_case(request, case.pk, to=To.DOWNLOAD_SCAN)
    handle = version.scan.open("rb")
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="consent.scan_download",
            case=case,
            obj=version,
        )
    extension = version.scan.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=version.scan_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"toestemming-{case.reference}-v{version.number}.{extension}",
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def form_pdf(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    """The blank form to print and sign; it lists organisations, not the resident."""
    case = _case(request, case_id)
    content = render_form_pdf(case)
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.EXPORT,
            code="consent.form_pdf",
            case=case,
            detail={"format": "pdf"},
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="toestemming-{case.reference}.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response
