"""A resident's own data, always reached through one of their cases: the case decides
who may see the resident (cases.access answers 404 to anyone else)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opkoers.cases.access import To, access_case
from opkoers.cases.models import Case
from opkoers.cases.selectors import case_header
from opkoers.cases.services import resident as services
from opkoers.cases.views._writes import error_text
from opkoers.core.concurrency import EditConflict
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.residents.forms import CommunicationNeedForm, NetworkPersonForm, ResidentEditForm
from opkoers.residents.models import CommunicationNeed, NetworkPerson


def network_url(case: Case) -> str:
    return reverse("residents:network", args=[case.pk])


def _next(request: AuthenticatedRequest, case: Case) -> str:
    """Back to the page the form was on (the intake page or this one), never elsewhere."""
    target = request.POST.get("next", "")
    case_prefix = reverse("cases:detail", args=[case.pk])
    if target.startswith(case_prefix) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return network_url(case)


@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id)
    case = access.case
    status = 200
    if request.method == "POST":
        access.require(To.WRITE)
        form = ResidentEditForm(request.POST)
        if form.is_valid():
            try:
                services.update_resident(
                    case=case,
                    by=request.user,
                    expected_version=form.expected_version,
                    **form.resident_values(),
                )
            except EditConflict as conflict:
                saved = ResidentEditForm.initial_from(conflict.current)  # type: ignore[arg-type]
                if not form.nothing_differs(saved):
                    form.show_conflict(conflict, saved=saved)
                    status = 409
            except ValidationError as exc:
                form.add_error(None, exc)
            if status != 409 and not form.errors:
                messages.success(request, _("De gegevens van de inwoner zijn opgeslagen."))
                return redirect("cases:detail", case.pk)
    else:
        form = ResidentEditForm(
            initial=ResidentEditForm.initial_from(case.resident), version=case.resident.version
        )
    access_case(request, case.pk, audit="resident.edit.view")
    return render(
        request,
        "residents/edit.html",
        {
            "case": case,
            "header": case_header(case),
            "subpage": _("Gegevens inwoner"),
            "form": form,
            "can_edit": access.may(To.WRITE),
        },
        status=status,
    )


@require_GET
def network(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id).case
    return _render_network(request, case)


def _render_network(
    request: AuthenticatedRequest,
    case: Case,
    need_form: CommunicationNeedForm | None = None,
    network_form: NetworkPersonForm | None = None,
) -> HttpResponse:
    needs = list(CommunicationNeed.objects.filter(resident_id=case.resident_id))
    people = list(NetworkPerson.objects.filter(resident_id=case.resident_id))
    access = access_case(request, case.pk, audit="resident.network.view")
    context: dict[str, Any] = {
        "case": case,
        "header": case_header(case),
        "subpage": _("Communicatie en netwerk"),
        "communication_needs": needs,
        "network": people,
        "need_form": need_form or CommunicationNeedForm(taken={n.kind for n in needs}),
        "network_form": network_form or NetworkPersonForm(),
        "can_edit": access.may(To.WRITE),
        "next_url": network_url(case),
    }
    return render(request, "residents/network.html", context)


@require_POST
def add_need(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.WRITE).case
    taken = set(
        CommunicationNeed.objects.filter(resident_id=case.resident_id).values_list(
            "kind", flat=True
        )
    )
    form = CommunicationNeedForm(request.POST, taken=taken)
    if form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or network_url(case))
                services.add_communication_need(
                    case=case,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    detail=form.cleaned_data["detail"],
                )
                guard.result_url = _next(request, case)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De communicatiebehoefte is vastgelegd."))
            return redirect(guard.result_url)
    return _render_network(request, case, need_form=form)


@require_POST
def remove_need(request: AuthenticatedRequest, case_id: UUID, need_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.WRITE).case
    try:
        services.remove_communication_need(case=case, by=request.user, need_id=need_id)
    except ValidationError as exc:
        messages.error(request, error_text(exc.messages))
    else:
        messages.success(request, _("De communicatiebehoefte is verwijderd."))
    return redirect(_next(request, case))


@require_POST
def add_person(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.WRITE).case
    form = NetworkPersonForm(request.POST)
    if form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or network_url(case))
                services.add_network_person(
                    case=case,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    relation=form.cleaned_data["relation"],
                    phone=form.cleaned_data["phone"],
                )
                guard.result_url = _next(request, case)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De netwerkpersoon is toegevoegd."))
            return redirect(guard.result_url)
    return _render_network(request, case, network_form=form)


@require_POST
def remove_person(request: AuthenticatedRequest, case_id: UUID, person_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.WRITE).case
    try:
        services.remove_network_person(case=case, by=request.user, person_id=person_id)
    except ValidationError as exc:
        messages.error(request, error_text(exc.messages))
    else:
        messages.success(request, _("De netwerkpersoon is verwijderd."))
    return redirect(_next(request, case))
