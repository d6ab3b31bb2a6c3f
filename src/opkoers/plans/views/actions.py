"""Adding and editing actions, and changing an action's status."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opkoers.cases.access import CaseAccess, record_read
from opkoers.cases.selectors import case_header
from opkoers.core.concurrency import EditConflict
from opkoers.core.submissions import once
from opkoers.plans.forms import ActionForm, ActionStatusForm
from opkoers.plans.models import Action, ActionStatus, Goal
from opkoers.plans.selectors import action_row, plan_summary
from opkoers.plans.services import add_action, set_action_status, update_action
from opkoers.plans.views._common import PlanRequest, messages_of, plan_editor_access, plan_url


def _render_form(
    request: PlanRequest,
    access: CaseAccess,
    form: ActionForm,
    *,
    action: Action | None,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    record_read(
        request,
        access,
        code="plan.action.form",
        detail={"action": str(action.pk)} if action else None,
    )
    return render(
        request,
        "plans/action_form.html",
        {
            "case": case,
            "header": case_header(case),
            "form": form,
            "action": action,
            "subpage": _("Actie wijzigen") if action else _("Actie toevoegen"),
        },
        status=status,
    )


def action_add(request: PlanRequest, case_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    if request.method != "POST":
        goal_id = request.GET.get("doel", "")
        form = ActionForm(case=case, initial={"goal": goal_id})
        return _render_form(request, access, form, action=None)
    form = ActionForm(request.POST, case=case)
    if form.is_valid():
        try:
            with once(request) as guard:
                if not guard.already_done:
                    action = add_action(case=case, by=request.user, **form.service_kwargs())
                    guard.result_url = plan_url(case, f"actie-{action.pk}")
                    messages.success(request, _("De actie is toegevoegd."))
            return redirect(guard.result_url or plan_url(case))
        except ValidationError as exc:
            form.add_error(None, exc)
    return _render_form(request, access, form, action=None)


def _saved_values(action: Action) -> dict[str, object]:
    return {
        "description": action.description,
        "owner": ActionForm.owner_value(
            action.owner_kind, action.owner_user_id, action.owner_network_person_id
        ),
        "goal": str(action.goal_id or ""),
        "due_date": action.due_date,
    }


def action_edit(request: PlanRequest, case_id: UUID, action_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    action = get_object_or_404(Action.objects.select_related("goal"), pk=action_id, case=case)
    keep_goal: Goal | None = action.goal
    if request.method != "POST":
        form = ActionForm(
            case=case, keep_goal=keep_goal, initial=_saved_values(action), version=action.version
        )
        return _render_form(request, access, form, action=action)
    form = ActionForm(request.POST, case=case, keep_goal=keep_goal)
    if form.is_valid():
        try:
            update_action(
                action=action,
                by=request.user,
                expected_version=form.expected_version,
                **form.service_kwargs(),
            )
        except EditConflict as conflict:
            current = conflict.current
            assert isinstance(current, Action)
            if not form.nothing_differs(_saved_values(current)):
                form.show_conflict(conflict, saved=_saved_values(current))
                return _render_form(request, access, form, action=current, status=409)
        except ValidationError as exc:
            form.add_error(None, exc)
            return _render_form(request, access, form, action=action)
        messages.success(request, _("De actie is gewijzigd."))
        return redirect(plan_url(case, f"actie-{action.pk}"))
    return _render_form(request, access, form, action=action)


@require_POST
def action_status(request: PlanRequest, case_id: UUID, action_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    action = get_object_or_404(Action, pk=action_id, case=case)
    form = ActionStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            action = set_action_status(
                action=action, by=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            error = messages_of(exc)
    else:
        error = _("Kies een status uit de lijst.")
    if request.htmx:
        action = Action.objects.select_related(
            "owner_user", "owner_user__organisation", "owner_network_person"
        ).get(pk=action.pk)
        announcement = error or _("De status van de actie is nu ‘%(status)s’.") % {
            "status": ActionStatus(action.status).label
        }
        return render(
            request,
            "plans/_action_status_response.html",
            {
                "case": case,
                "row": action_row(action, case=case),
                "summary": plan_summary(case),
                "can_edit": True,
                "status_error": error,
                "announcement": announcement,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(plan_url(case, f"actie-{action.pk}"))
