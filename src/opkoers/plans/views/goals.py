"""Adding, editing, reordering and dropping goals."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opkoers.cases.access import CaseAccess, record_read
from opkoers.cases.models import Case
from opkoers.cases.selectors import case_header
from opkoers.core.concurrency import EditConflict
from opkoers.core.submissions import once
from opkoers.plans.forms import GoalForm
from opkoers.plans.models import Goal, GoalOutcome
from opkoers.plans.selectors import plan_for
from opkoers.plans.services import add_goal, drop_goal, move_goal, restore_goal, update_goal
from opkoers.plans.views._common import PlanRequest, messages_of, plan_editor_access, plan_url


def _active_goal_count(case: Case) -> int:
    return Goal.objects.filter(case=case).exclude(outcome=GoalOutcome.DROPPED).count()


def _render_form(
    request: PlanRequest,
    access: CaseAccess,
    form: GoalForm,
    *,
    goal: Goal | None,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    record_read(
        request, access, code="plan.goal.form", detail={"goal": str(goal.pk)} if goal else None
    )
    return render(
        request,
        "plans/goal_form.html",
        {
            "case": case,
            "header": case_header(case),
            "form": form,
            "goal": goal,
            "subpage": _("Doel wijzigen") if goal else _("Doel toevoegen"),
        },
        status=status,
    )


def goal_add(request: PlanRequest, case_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    slots = _active_goal_count(case) + 1
    if request.method != "POST":
        return _render_form(request, access, GoalForm(slots=slots), goal=None)
    form = GoalForm(request.POST, slots=slots)
    if form.is_valid():
        try:
            with once(request) as guard:
                if not guard.already_done:
                    goal = add_goal(
                        case=case,
                        by=request.user,
                        domain=form.cleaned_data["domain"],
                        description=form.cleaned_data["description"],
                        priority=form.cleaned_data["priority"],
                    )
                    guard.result_url = plan_url(case, f"doel-{goal.pk}")
                    messages.success(request, _("Het doel is toegevoegd."))
            return redirect(guard.result_url or plan_url(case))
        except ValidationError as exc:
            form.add_error(None, exc)
    return _render_form(request, access, form, goal=None)


def _saved_values(goal: Goal) -> dict[str, object]:
    return {"domain": goal.domain, "description": goal.description, "priority": goal.priority}


def goal_edit(request: PlanRequest, case_id: UUID, goal_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    goal = get_object_or_404(Goal, pk=goal_id, case=case)
    active = goal.outcome != GoalOutcome.DROPPED
    slots = _active_goal_count(case)
    if request.method != "POST":
        form = GoalForm(
            initial=_saved_values(goal), slots=slots, show_priority=active, version=goal.version
        )
        return _render_form(request, access, form, goal=goal)
    form = GoalForm(request.POST, slots=slots, show_priority=active)
    if form.is_valid():
        try:
            update_goal(
                goal=goal,
                by=request.user,
                domain=form.cleaned_data["domain"],
                description=form.cleaned_data["description"],
                priority=form.cleaned_data.get("priority"),
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            current = conflict.current
            assert isinstance(current, Goal)
            if not form.nothing_differs(_saved_values(current)):
                form.show_conflict(conflict, saved=_saved_values(current))
                return _render_form(request, access, form, goal=current, status=409)
        except ValidationError as exc:
            form.add_error(None, exc)
            return _render_form(request, access, form, goal=goal)
        messages.success(request, _("Het doel is gewijzigd."))
        return redirect(plan_url(case, f"doel-{goal.pk}"))
    return _render_form(request, access, form, goal=goal)


@require_POST
def goal_move(request: PlanRequest, case_id: UUID, goal_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    goal = get_object_or_404(Goal, pk=goal_id, case=case)
    direction = request.POST.get("direction", "")
    error = ""
    try:
        move_goal(goal=goal, by=request.user, direction=direction)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = messages_of(exc)
    if request.htmx:
        return render(
            request,
            "plans/_goals.html",
            {
                "case": case,
                "plan": plan_for(case),
                "can_edit": True,
                "move_error": error,
                "moved_goal_id": goal.pk,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(plan_url(case, f"doel-{goal.pk}"))


@require_POST
def goal_drop(request: PlanRequest, case_id: UUID, goal_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    goal = get_object_or_404(Goal, pk=goal_id, case=case)
    try:
        drop_goal(goal=goal, by=request.user)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(
            request, _("Het doel is vervallen. Open acties bij dit doel zijn ook vervallen.")
        )
    return redirect(plan_url(case, "vervallen-doelen"))


@require_POST
def goal_restore(request: PlanRequest, case_id: UUID, goal_id: UUID) -> HttpResponse:
    access = plan_editor_access(request, case_id)
    case = access.case
    goal = get_object_or_404(Goal, pk=goal_id, case=case)
    try:
        restore_goal(goal=goal, by=request.user)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("Het doel telt weer mee, als laatste in de volgorde."))
    return redirect(plan_url(case, f"doel-{goal.pk}"))
