"""Step 2: starting the intake (a button on the case page) and the intake page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opkoers.cases.access import CaseAccess, To, access_case
from opkoers.cases.forms_intake import ACTION_ADD_DOMAIN, ACTION_COMPLETE, IntakeForm, TokenForm
from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.selectors import case_header
from opkoers.cases.selectors_intake import intake_page
from opkoers.cases.services import intake as services
from opkoers.cases.views._writes import (
    claimed_url,
    error_text,
    fresh_token,
)
from opkoers.core.concurrency import EditConflict
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.residents.forms import CommunicationNeedForm, NetworkPersonForm

if TYPE_CHECKING:
    pass


def intake_url(case: Case, anchor: str = "") -> str:
    url = reverse("cases:intake", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


@require_POST
def start_intake(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    # Picking up an unassigned registration from the intake queue is how a professional
    # comes to the table, so it cannot require being at the table already.
    access = access_case(request, case_id, to=To.KNOW)
    if not access.may(To.PICK_UP):
        access.require(To.WRITE)
    case = access.case
    try:
        with once(request) as guard:
            if guard.already_done:
                return redirect(guard.result_url or intake_url(case))
            services.start_intake(case=case, by=request.user)
            guard.result_url = intake_url(case)
    except ValidationError as exc:
        messages.error(request, error_text(exc.messages))
        return redirect("cases:detail", case.pk)
    messages.success(request, _("De intake is gestart."))
    return redirect(guard.result_url)


@require_http_methods(["GET", "POST"])
def intake(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id)
    case = access.case
    if request.method == "GET":
        return _render(request, case, _form(case))
    access.require(To.WRITE)
    if case.status != CaseStatus.INTAKE:
        # The second click of ‘Intake afronden’ lands where the first one did.
        if earlier := claimed_url(request):
            return redirect(earlier)
        messages.info(request, _("De intake is niet (meer) te wijzigen in deze stap."))
        return redirect(intake_url(case))
    form = _form(case, request.POST)
    if not form.is_valid():
        return _render(request, case, form)
    action = form.action
    complete_errors: list[str] = []
    try:
        with once(request) as guard:
            if guard.already_done:
                return redirect(guard.result_url or intake_url(case))
            services.save_intake(
                case=case,
                by=request.user,
                data=form.to_input(),
                expected_version=form.expected_version,
            )
            guard.result_url = intake_url(case)
            if action == ACTION_ADD_DOMAIN:
                domain = form.cleaned_data["add_domain"]
                services.add_intake_domain(case=case, domain=domain, by=request.user)
                guard.result_url = intake_url(case, f"domain-{domain}")
            elif action == ACTION_COMPLETE:
                try:
                    # A savepoint: a refused completion keeps what was just saved.
                    with transaction.atomic():
                        services.complete_intake(case=case, by=request.user)
                except ValidationError as exc:
                    complete_errors = exc.messages
                else:
                    guard.result_url = reverse("cases:detail", args=[case.pk])
    except EditConflict as conflict:
        return _render_conflict(request, conflict, form)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render(request, case, form)
    if complete_errors:
        # Saved, not completed: show what is missing next to the values just typed.
        case.refresh_from_db()
        form = _form(case, fresh_token(request.POST))
        form.is_valid()
        return _render(request, case, form, complete_errors=complete_errors)
    if action == ACTION_COMPLETE:
        messages.success(
            request, _("De intake is afgerond. De volgende stap is het eerste gesprek.")
        )
    elif action == ACTION_ADD_DOMAIN:
        messages.success(request, _("Het leefgebied is toegevoegd; de intake is opgeslagen."))
    else:
        messages.success(request, _("De intake is opgeslagen."))
    return redirect(guard.result_url)


def _form(case: Case, data: QueryDict | None = None) -> IntakeForm:
    return IntakeForm(
        data,
        page=intake_page(case),
        ladder_at_intake=case.ladder_at_intake,
        version=case.intake_version,
    )


def _render_conflict(
    request: AuthenticatedRequest, conflict: EditConflict, form: IntakeForm
) -> HttpResponse:
    """Someone saved the intake since this page was opened: both versions, per field
    (the per-domain labels repeat, so each names its domain)."""
    current = conflict.current
    assert isinstance(current, Case)
    saved_form = _form(current)
    saved = {
        name: saved_form[name].initial
        for name in saved_form.fields
        if name.startswith(("story_", "priority_", "zrm_")) or name == "ladder_at_intake"
    }
    labels = {
        bound.html_name: f"{row.label} – {bound.label}"
        for row, *fields in saved_form.domain_rows()
        for bound in fields
    }
    form.show_conflict(conflict, saved=saved, labels=labels)
    response = _render(request, current, form)
    response.status_code = 409
    return response


def _render(
    request: AuthenticatedRequest,
    case: Case,
    form: IntakeForm,
    complete_errors: list[str] | None = None,
) -> HttpResponse:
    access = access_case(request, case.pk, audit="case.intake.view")
    can_edit = access.may(To.WRITE)
    page = form.page
    taken = {n.kind for n in page.communication_needs}
    return render(
        request,
        "cases/intake.html",
        {
            "case": case,
            "header": case_header(case),
            "subpage": _("Intake"),
            "form": form,
            "page": page,
            "complete_errors": complete_errors or [],
            "can_edit": can_edit,
            "editable": can_edit and case.status == CaseStatus.INTAKE,
            "not_started": case.status == CaseStatus.REGISTERED,
            "start_form": TokenForm(),
            "need_form": CommunicationNeedForm(taken=taken),
            "network_form": NetworkPersonForm(),
            "next_url": intake_url(case),
        },
    )


def intake_section(access: CaseAccess) -> dict[str, Any]:
    """Context for the case page's intake block (cases/_intake_section.html)."""
    case = access.case
    can_start = case.status == CaseStatus.REGISTERED and access.may(To.WRITE)
    return {
        "can_start": can_start,
        "start_form": TokenForm() if can_start else None,
        "started": case.status != CaseStatus.REGISTERED,
        "in_intake": case.status == CaseStatus.INTAKE,
    }
