"""The approvers' pages for legal bases (mounted at grondslagen/): the queue of the
project leader (their teams) and the privacy officer (all), and the approve, reject and
end forms. These pages show the case reference, the organisation, the basis and the
motivation, not the resident's name or file."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.consent import services
from opkoers.consent.forms import LegalBasisDecisionForm, LegalBasisEndForm
from opkoers.consent.models import LegalBasis
from opkoers.consent.permissions import legal_bases_visible_condition, may_approve_legal_bases
from opkoers.consent.selectors import ENDING_SOON_DAYS, approval_queue
from opkoers.core.http import AuthenticatedRequest


@require_safe
def queue(request: AuthenticatedRequest) -> HttpResponse:
    if not may_approve_legal_bases(request.user):
        raise PermissionDenied
    data = approval_queue(request.user)
    bases = [*data.pending, *data.active, *data.ending_soon]
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.VIEW,
            code="consent.legal_basis.queue",
            detail={"cases": sorted({str(b.case_id) for b in bases})},
            # Each resident's overview shows that their case was in the queue.
            listed=sorted({(b.case_id, b.case.resident_id) for b in bases}),
        )
    return render(
        request,
        "consent/legal_basis_queue.html",
        {
            "queue": data,
            "soon_days": ENDING_SOON_DAYS,
            "today": timezone.localdate(),
        },
    )


def _form_errors(form: Form) -> str:
    """The form's Dutch messages, for a page that shows them as a message."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def _queue_url() -> str:
    return reverse("legal_bases:queue")


@require_POST
def decide(request: AuthenticatedRequest, basis_id: UUID) -> HttpResponse:
    """404 for a basis outside what the user decides on."""
    basis = get_object_or_404(
        LegalBasis.objects.filter(legal_bases_visible_condition(request.user)).select_related(
            "case"
        ),
        pk=basis_id,
    )
    form = LegalBasisDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(f"{_queue_url()}#grondslag-{basis.pk}")
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "approve":
            services.approve_legal_basis(legal_basis=basis, by=request.user, note=note)
            done = _("De grondslag bij %(ref)s is goedgekeurd.")
        else:
            services.reject_legal_basis(legal_basis=basis, by=request.user, note=note)
            done = _("De aanvraag bij %(ref)s is afgewezen.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{_queue_url()}#grondslag-{basis.pk}")
    messages.success(request, done % {"ref": basis.case.reference})
    return redirect(_queue_url())


@require_POST
def end(request: AuthenticatedRequest, basis_id: UUID) -> HttpResponse:
    """From the queue or from the case's consent page (back=case). 404 for a basis the
    user neither requested nor decides on."""
    basis = get_object_or_404(
        LegalBasis.objects.filter(
            legal_bases_visible_condition(request.user) | Q(requested_by=request.user)
        )
        .select_related("case")
        .distinct(),
        pk=basis_id,
    )
    back = (
        reverse("consent:case", args=[basis.case_id])
        if request.POST.get("back") == "case"
        else _queue_url()
    )
    form = LegalBasisEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(f"{back}#grondslag-{basis.pk}")
    try:
        services.end_legal_basis(
            legal_basis=basis, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{back}#grondslag-{basis.pk}")
    messages.success(
        request, _("De grondslag bij %(ref)s is beëindigd.") % {"ref": basis.case.reference}
    )
    return redirect(back)
