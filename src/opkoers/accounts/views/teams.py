from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opkoers.accounts import selectors, services
from opkoers.accounts.forms import MemberSearchForm, TeamForm
from opkoers.accounts.models import Team, User
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.views._helpers import add_service_error, earlier_submission_url
from opkoers.core.held_search import hold_search, search_data
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


def _team_values(form: TeamForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "municipality": data["municipality"],
        "follow_up_working_days": data["follow_up_working_days"],
        "next_conversation_days": data["next_conversation_days"],
        "overleg_weekday": data["overleg_weekday"],
        "retention_months_after_closing": data["retention_months_after_closing"],
        "accepts_self_registration": data["accepts_self_registration"],
    }


@functional_admin_required
def team_list(request: AuthenticatedRequest) -> HttpResponse:
    teams = Team.objects.order_by("-active", "name")
    return render(request, "accounts/teams/list.html", {"teams": teams})


@functional_admin_required
def team_add(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        earlier = earlier_submission_url(request)
        if earlier is not None:
            return redirect(earlier or reverse("accounts:teams"))
        form = TeamForm(request.POST)
        if form.is_valid():
            try:
                with once(request) as guard:
                    if guard.already_done:
                        return redirect(guard.result_url or reverse("accounts:teams"))
                    team = services.create_team(by=request.user, **_team_values(form))  # type: ignore[arg-type]
                    guard.result_url = reverse("accounts:team_edit", args=[team.pk])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Team %(name)s is toegevoegd.") % {"name": team})
                return redirect(guard.result_url)
    else:
        form = TeamForm()
    return render(request, "accounts/teams/add.html", {"form": form})


@functional_admin_required
def team_edit(request: AuthenticatedRequest, team_id: UUID) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_id)
    name = team.name  # the form writes typed values onto the instance
    if request.POST.get("member_search"):  # names never in a URL (core/held_search.py)
        return hold_search(request, url=request.path, personal=("q", "member_search"))
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_team(
                by=request.user,
                team=team,
                active=form.cleaned_data["active"],
                **_team_values(form),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Het team is opgeslagen."))
            return redirect("accounts:team_edit", team_id=team.pk)
    search = MemberSearchForm(search_data(request) or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "accounts/teams/edit.html",
        {
            "team": team,
            "name": name,
            "form": form,
            "members": selectors.team_members(team),
            "search": search,
            "q": q,
            "candidates": selectors.member_candidates(team, q),
        },
    )


@require_POST
@functional_admin_required
def team_member_add(request: AuthenticatedRequest, team_id: UUID) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_id)
    try:
        user = User.objects.get(pk=int(request.POST.get("user", "")))
    except (ValueError, User.DoesNotExist):
        messages.error(request, _("Deze gebruiker bestaat niet (meer)."))
        return redirect("accounts:team_edit", team_id=team.pk)
    try:
        services.add_member(by=request.user, team=team, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s is lid van %(team)s.") % {"user": user, "team": team})
    return redirect("accounts:team_edit", team_id=team.pk)


@require_POST
@functional_admin_required
def team_member_remove(request: AuthenticatedRequest, team_id: UUID, user_id: int) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_id)
    user = get_object_or_404(User, pk=user_id)
    if services.remove_member(by=request.user, team=team, user=user):
        messages.success(
            request, _("%(user)s is uit %(team)s gehaald.") % {"user": user, "team": team}
        )
        _warn_open_contact_cases(request, user, team)
    return redirect("accounts:team_edit", team_id=team.pk)


def _warn_open_contact_cases(request: AuthenticatedRequest, user: User, team: Team) -> None:
    count = selectors.open_cases_as_contact_person(user, team)
    if count:
        messages.warning(
            request,
            ngettext(
                "Let op: %(user)s is nog contactpersoon in %(count)d lopend traject van dit "
                "team. Vraag de projectleider een nieuwe contactpersoon aan te wijzen.",
                "Let op: %(user)s is nog contactpersoon in %(count)d lopende trajecten van dit "
                "team. Vraag de projectleider een nieuwe contactpersoon aan te wijzen.",
                count,
            )
            % {"user": user, "count": count},
        )
