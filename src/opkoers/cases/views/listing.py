"""The case list: search and filters over the cases the user may see."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from opkoers.cases.access import record_listing
from opkoers.cases.list_form import CaseListFilterForm, filter_choices, page_number
from opkoers.cases.selectors_list import case_list_page
from opkoers.core.held_search import PARAM, hold_search, search_data
from opkoers.core.http import AuthenticatedRequest


@require_http_methods(["GET", "HEAD", "POST"])
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases:
        # Policy staff and admins see no case data; their home page says what they can do.
        return redirect("cases:worklist")
    if request.method == "POST":
        # A name never goes into the URL (core/held_search.py).
        return hold_search(request, url=reverse("cases:list"))
    choices = filter_choices(user)
    data = search_data(request)
    form = CaseListFilterForm(data, teams=choices.teams, people=choices.people)
    query = form.to_query(page=page_number(request.GET.get("page")))
    page = case_list_page(user, query, team_ids=[t.pk for t in choices.teams])
    # Names on a list are personal data: a search and a plain listing are both
    # recorded, with what was asked and which cases were shown.
    record_listing(
        request,
        code="case.search" if query.is_search else "case.list",
        case_ids=page.case_ids,
        search=query.is_search,
        detail=query.audit_detail(),
    )
    htmx = request.htmx
    partial = bool(htmx) and not htmx.history_restore_request
    context = {"form": form, "page": page, "query": query, "partial": partial}
    response = render(
        request, "cases/_case_list_results.html" if partial else "cases/list.html", context
    )
    # The same URL answers with a fragment or a full page: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    if partial and PARAM in request.GET:
        response["HX-Push-Url"] = request.get_full_path()
    return response
