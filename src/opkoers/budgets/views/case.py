"""The budget page of a case: requests, the resident's room under the cap, and the
request form."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.budgets.forms import BudgetRequestForm
from opkoers.budgets.models import BudgetRequest
from opkoers.budgets.selectors import case_budget
from opkoers.budgets.services import request_budget, update_request, withdraw_request
from opkoers.cases.access import CaseAccess, To, access_case, record_read
from opkoers.cases.models import Case
from opkoers.cases.selectors import case_header
from opkoers.core.concurrency import EditConflict
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


def _page_url(case: Case, anchor: str = "") -> str:
    url = reverse("budgets:case", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


@require_safe
def case_budget_page(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ, audit="budget.view")
    case = access.case
    return render(
        request,
        "budgets/case.html",
        {
            "case": case,
            "header": case_header(case),
            "budget": case_budget(case),
            "can_request": access.may(To.WRITE_ON_CASE_TEAM),
            "subpage": _("Maatwerkbudget"),
        },
    )


def _render_form(
    request: AuthenticatedRequest,
    access: CaseAccess,
    form: BudgetRequestForm,
    budget_request: BudgetRequest | None = None,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    record_read(
        request,
        access,
        code="budget.request.form",
        detail={"request": str(budget_request.pk)} if budget_request else None,
    )
    return render(
        request,
        "budgets/request_form.html",
        {
            "case": case,
            "header": case_header(case),
            "form": form,
            "budget_request": budget_request,
            "budget": case_budget(case),
            "subpage": _("Budget aanvragen") if budget_request is None else _("Aanvraag wijzigen"),
        },
        status=status,
    )


def request_add(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.WRITE_ON_CASE_TEAM)
    case = access.case
    if request.method != "POST":
        return _render_form(request, access, BudgetRequestForm(case=case))
    form = BudgetRequestForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with once(request) as guard:
                if not guard.already_done:
                    created = request_budget(
                        case=case,
                        by=request.user,
                        goal=data["goal"],
                        amount=data["amount"],
                        purpose=data["purpose"],
                        payee=data["payee"],
                        breakthrough=data["breakthrough"],
                    )
                    guard.result_url = _page_url(case, f"aanvraag-{created.pk}")
                    messages.success(
                        request,
                        _("De aanvraag is ingediend. De projectleider besluit erover."),
                    )
            return redirect(guard.result_url or _page_url(case))
        except ValidationError as exc:
            form.add_error(None, exc)
    return _render_form(request, access, form)


def _saved_values(budget_request: BudgetRequest) -> dict[str, object]:
    return {
        "goal": budget_request.goal_id,
        "amount": budget_request.amount,
        "purpose": budget_request.purpose,
        "payee": budget_request.payee,
        "breakthrough": budget_request.breakthrough,
    }


def request_edit(request: AuthenticatedRequest, case_id: UUID, request_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.WRITE_ON_CASE_TEAM)
    case = access.case
    budget_request = get_object_or_404(BudgetRequest, pk=request_id, case=case)
    if budget_request.requested_by_id != request.user.pk or not budget_request.is_open:
        raise PermissionDenied
    if request.method != "POST":
        initial = _saved_values(budget_request)
        initial["amount"] = str(budget_request.amount).replace(".", ",")
        form = BudgetRequestForm(case=case, initial=initial, version=budget_request.version)
        return _render_form(request, access, form, budget_request)
    form = BudgetRequestForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_request(
                budget_request=budget_request,
                by=request.user,
                goal=data["goal"],
                amount=data["amount"],
                purpose=data["purpose"],
                payee=data["payee"],
                breakthrough=data["breakthrough"],
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            current = conflict.current
            assert isinstance(current, BudgetRequest)
            if not form.nothing_differs(_saved_values(current)):
                form.show_conflict(conflict, saved=_saved_values(current))
                return _render_form(request, access, form, current, status=409)
        except ValidationError as exc:
            form.add_error(None, exc)
            return _render_form(request, access, form, budget_request)
        messages.success(request, _("De aanvraag is gewijzigd en staat weer in de wachtrij."))
        return redirect(_page_url(case, f"aanvraag-{budget_request.pk}"))
    return _render_form(request, access, form, budget_request)


@require_POST
def request_withdraw(
    request: AuthenticatedRequest, case_id: UUID, request_id: UUID
) -> HttpResponse:
    access = access_case(request, case_id, to=To.WRITE_ON_CASE_TEAM)
    case = access.case
    budget_request = get_object_or_404(BudgetRequest, pk=request_id, case=case)
    try:
        withdraw_request(budget_request=budget_request, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De aanvraag is ingetrokken."))
    return redirect(_page_url(case, f"aanvraag-{budget_request.pk}"))
