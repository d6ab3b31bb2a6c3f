"""The case team page: who is at the table for this case, the contact person, backups.

Each change is its own small form (add, role and backup, make contact person, remove);
on an error the page comes back with that one form as typed and its message."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opkoers.cases.access import To, access_case
from opkoers.cases.forms_case_team import (
    AddMemberForm,
    MemberForm,
    RemoveMemberForm,
    person_label,
)
from opkoers.cases.models import Case, CaseTeamMember
from opkoers.cases.selectors import case_header
from opkoers.cases.selectors_intake import TeamPage, team_page
from opkoers.cases.services import case_team as services
from opkoers.cases.views._writes import error_text
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


def team_url(case: Case) -> str:
    return reverse("cases:team", args=[case.pk])


@require_GET
def team(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id).case
    return _render(request, case, team_page(case))


@require_POST
def add_member(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.MANAGE_TEAM).case
    page = team_page(case)
    form = AddMemberForm(request.POST, addable=page.addable, candidates=page.candidates)
    if form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or team_url(case))
                member = services.add_member(
                    case=case,
                    user=form.cleaned_data["user"],
                    role_on_case=form.cleaned_data["role_on_case"],
                    backup=form.cleaned_data["backup"],
                    make_contact=form.cleaned_data["make_contact"],
                    by=request.user,
                )
                guard.result_url = team_url(case)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is toegevoegd aan het casusteam.") % {"name": member.user},
            )
            return redirect(guard.result_url)
    return _render(request, case, page, add_form=form)


@require_POST
def update_member(request: AuthenticatedRequest, case_id: UUID, member_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.MANAGE_TEAM).case
    page = team_page(case)
    member = _member(page, member_id)
    form = MemberForm(request.POST, member=member, candidates=page.candidates)
    if form.is_valid():
        try:
            services.update_member(
                case=case,
                member=member,
                role_on_case=form.cleaned_data["role_on_case"],
                backup=form.cleaned_data["backup"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": member.user}
            )
            return redirect(team_url(case))
    return _render(request, case, page, member_forms={member.pk: form})


@require_POST
def make_contact(request: AuthenticatedRequest, case_id: UUID, member_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.MANAGE_TEAM).case
    member = _member(team_page(case), member_id)
    try:
        services.set_contact_person(case=case, member=member, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc.messages))
    else:
        messages.success(
            request, _("%(name)s is nu de contactpersoon.") % {"name": person_label(member.user)}
        )
    return redirect(team_url(case))


@require_POST
def remove_member(request: AuthenticatedRequest, case_id: UUID, member_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.MANAGE_TEAM).case
    page = team_page(case)
    member = _member(page, member_id)
    form = RemoveMemberForm(
        request.POST, member=member, others=[m for m in page.members if m.pk != member.pk]
    )
    if form.is_valid():
        try:
            services.remove_member(
                case=case, member=member, new_contact=form.new_contact, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(name)s is uit het casusteam gehaald.") % {"name": member.user}
            )
            return redirect(team_url(case))
    return _render(request, case, page, remove_forms={member.pk: form})


def _member(page: TeamPage, member_id: UUID) -> CaseTeamMember:
    """A member of this case's team, or 404: an id from another case finds nothing."""
    for member in page.members:
        if member.pk == member_id:
            return member
    raise Http404


def _render(
    request: AuthenticatedRequest,
    case: Case,
    page: TeamPage,
    *,
    add_form: AddMemberForm | None = None,
    member_forms: dict[UUID, MemberForm] | None = None,
    remove_forms: dict[UUID, RemoveMemberForm] | None = None,
) -> HttpResponse:
    can_edit = access_case(request, case.pk, audit="case.team.view").may(To.MANAGE_TEAM)
    member_forms = member_forms or {}
    remove_forms = remove_forms or {}
    rows: list[dict[str, Any]] = []
    for member in page.members:
        others = [m for m in page.members if m.pk != member.pk]
        rows.append(
            {
                "member": member,
                "form": member_forms.get(member.pk)
                or MemberForm(member=member, candidates=page.candidates),
                "remove_form": remove_forms.get(member.pk)
                or RemoveMemberForm(member=member, others=others),
                "can_remove": not member.is_contact_person or bool(others),
            }
        )
    return render(
        request,
        "cases/team.html",
        {
            "case": case,
            "header": case_header(case),
            "subpage": _("Casusteam"),
            "page": page,
            "rows": rows,
            "add_form": add_form or AddMemberForm(addable=page.addable, candidates=page.candidates),
            "can_edit": can_edit,
        },
    )
