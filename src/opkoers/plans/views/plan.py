"""The plan page and 'Plan vastleggen'."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.permissions import get_case_for
from opkoers.cases.selectors import case_header
from opkoers.plans.forms import AgreePlanForm
from opkoers.plans.permissions import can_edit_plan, plan_is_open
from opkoers.plans.selectors import plan_for
from opkoers.plans.services import agree_plan
from opkoers.plans.views._common import PlanRequest, require_plan_editor


def render_plan_page(
    request: PlanRequest, case: Case, *, agree_form: AgreePlanForm | None = None
) -> HttpResponse:
    with transaction.atomic():
        record(actor=request.user, action=AuditAction.VIEW, code="plan.view", case=case)
    can_edit = can_edit_plan(request.user, case)
    if agree_form is None and can_edit and case.status == CaseStatus.PLAN:
        agree_form = AgreePlanForm()
    return render(
        request,
        "plans/detail.html",
        {
            "case": case,
            "header": case_header(case),
            "plan": plan_for(case),
            "can_edit": can_edit,
            "plan_open": plan_is_open(case),
            "agree_form": agree_form,
            "subpage": _("Samen1plan"),
        },
    )


@require_safe
def plan_detail(request: PlanRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for(request.user, case_id)
    return render_plan_page(request, case)


@require_POST
def plan_agree(request: PlanRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for(request.user, case_id)
    require_plan_editor(request, case)
    form = AgreePlanForm(request.POST)
    if form.is_valid():
        try:
            agree_plan(case=case, by=request.user, resident_agreed=True)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Het plan is vastgelegd. Het traject staat nu op ‘Lopend’."),
            )
            return redirect("plans:detail", case.pk)
    return render_plan_page(request, case, agree_form=form)
