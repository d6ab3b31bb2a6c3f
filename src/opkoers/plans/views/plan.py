"""The plan page and 'Plan vastleggen'."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.cases.access import CaseAccess, To, access_case, record_read
from opkoers.cases.models import CaseStatus
from opkoers.cases.selectors import case_header
from opkoers.plans.forms import AgreePlanForm
from opkoers.plans.permissions import plan_is_open
from opkoers.plans.selectors import plan_for
from opkoers.plans.services import agree_plan
from opkoers.plans.views._common import PlanRequest, can_edit_plan, plan_editor_access


def render_plan_page(
    request: PlanRequest, access: CaseAccess, *, agree_form: AgreePlanForm | None = None
) -> HttpResponse:
    record_read(request, access, code="plan.view")
    case = access.case
    can_edit = can_edit_plan(access)
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
    access = access_case(request, case_id, to=To.READ)
    return render_plan_page(request, access)


@require_POST
def plan_agree(request: PlanRequest, case_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
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
    return render_plan_page(request, access, agree_form=form)
