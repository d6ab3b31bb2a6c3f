"""The deviations of a case and the form to register one."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.cases.access import CaseAccess, To, access_case, record_read
from opkoers.cases.selectors import case_header
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.deviations.forms import DeviationForm
from opkoers.deviations.selectors import case_deviations
from opkoers.deviations.services import approval_required, find_or_add_rule, register_deviation


@require_safe
def case_deviations_page(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.READ, audit="deviation.view")
    case = access.case
    return render(
        request,
        "deviations/case.html",
        {
            "case": case,
            "header": case_header(case),
            "deviations": case_deviations(case),
            "can_register": access.may(To.WRITE_ON_CASE_TEAM),
            "subpage": _("Gemotiveerd afwijken"),
        },
    )


def _render_form(
    request: AuthenticatedRequest, access: CaseAccess, form: DeviationForm
) -> HttpResponse:
    record_read(request, access, code="deviation.form")
    case = access.case
    return render(
        request,
        "deviations/form.html",
        {
            "case": case,
            "header": case_header(case),
            "form": form,
            "approval_required": approval_required(case.team_id),
            "subpage": _("Afwijking vastleggen"),
        },
    )


def deviation_add(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.WRITE_ON_CASE_TEAM)
    case = access.case
    if request.method != "POST":
        return _render_form(request, access, DeviationForm())
    form = DeviationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        url = reverse("deviations:case", args=[case.pk])
        try:
            with once(request) as guard:
                if not guard.already_done:
                    rule = data["rule"] or find_or_add_rule(
                        name=data["new_rule_name"],
                        regulation=data["new_rule_regulation"],
                        article=data["new_rule_article"],
                        by=request.user,
                    )
                    deviation = register_deviation(
                        case=case,
                        by=request.user,
                        rule=rule,
                        what_differently=data["what_differently"],
                        why_it_helps=data["why_it_helps"],
                        mandate=data["mandate"],
                        decided_by=data["decided_by"],
                        decided_on=data["decided_on"],
                        share_as_example=data["share_as_example"],
                    )
                    guard.result_url = f"{url}#afwijking-{deviation.pk}"
                    messages.success(request, _("De afwijking is vastgelegd."))
            return redirect(guard.result_url or url)
        except ValidationError as exc:
            form.add_error(None, exc)
    return _render_form(request, access, form)
