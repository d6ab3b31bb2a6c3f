"""Break-glass: the request form on a case, and the review queue."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, access_case
from opkoers.core.forms import add_service_errors
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.privacy import selectors, services
from opkoers.privacy.forms import BreakGlassForm, ReviewForm
from opkoers.privacy.models import BreakGlassAccess
from opkoers.privacy.permissions import can_list_break_glass, may_review


@require_http_methods(["GET", "POST"])
def break_glass_open(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    # Only the reference shows here: anyone who may know the case may ask.
    access = access_case(request, case_id, to=To.KNOW)
    if not request.user.works_on_cases:
        raise Http404
    case = access.case
    active = selectors.active_for(request.user, case.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or reverse("cases:worklist"))
                opened = services.open_break_glass(
                    user=request.user, case=case, reason=form.cleaned_data["reason"]
                )
                guard.result_url = reverse("cases:detail", args=[case.pk])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            until = date_format(timezone.localtime(opened.expires_at), "H:i")
            messages.warning(
                request,
                _("Noodtoegang geopend tot %(time)s, alleen om te lezen. Dit is vastgelegd.")
                % {"time": until},
            )
            return redirect(guard.result_url)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "privacy/break_glass_form.html",
        {"form": form, "case": case, "active": active},
        status=status,
    )


def _render_list(
    request: AuthenticatedRequest,
    *,
    failed: BreakGlassAccess | None = None,
    failed_form: ReviewForm | None = None,
) -> HttpResponse:
    page = selectors.review_page(request.user)
    # The list names cases and the reasons given: each resident's overview shows it.
    shown = {(used.case_id, used.case.resident_id) for used in [*page.to_review, *page.reviewed]}
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.VIEW,
            code="breakglass.list",
            listed=sorted(shown),
        )
    # The queue is already scoped to the teams the user may review; only their own uses
    # are left out (nobody judges themself).
    rows = [
        (
            used,
            None
            if used.user_id == request.user.pk
            else (
                failed_form if failed and used.pk == failed.pk else ReviewForm(prefix=f"r{used.pk}")
            ),
        )
        for used in page.to_review
    ]
    return render(
        request,
        "privacy/break_glass_list.html",
        {"rows": rows, "reviewed": page.reviewed, "now": timezone.now()},
        status=422 if failed else 200,
    )


@require_safe
def break_glass_list(request: AuthenticatedRequest) -> HttpResponse:
    if not can_list_break_glass(request.user):
        raise PermissionDenied
    return _render_list(request)


@require_POST
def break_glass_review(request: AuthenticatedRequest, use_id: int) -> HttpResponse:
    if not can_list_break_glass(request.user):
        raise PermissionDenied
    used = get_object_or_404(BreakGlassAccess.objects.select_related("case"), pk=use_id)
    if not may_review(request.user, used):
        raise Http404
    form = ReviewForm(request.POST, prefix=f"r{used.pk}")
    if form.is_valid():
        try:
            services.review_break_glass(
                access=used,
                by=request.user,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het oordeel is vastgelegd."))
            return redirect("privacy:break_glass_list")
    return _render_list(request, failed=used, failed_form=form)
