"""Soorten resultaat: the configurable list a team ticks off when a case closes. Kept
by the functional admin; the model and its service live in the cases app."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opkoers.accounts.forms import ResultKindForm
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.views._helpers import add_service_error, earlier_submission_url
from opkoers.cases.models import ResultKind
from opkoers.cases.services.result_kinds import create_result_kind, update_result_kind
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


@functional_admin_required
def result_kind_list(request: AuthenticatedRequest) -> HttpResponse:
    kinds = ResultKind.objects.order_by("-active", "order", "name")
    return render(request, "accounts/result_kinds/list.html", {"kinds": kinds})


@functional_admin_required
def result_kind_add(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        earlier = earlier_submission_url(request)
        if earlier is not None:
            return redirect(earlier or reverse("accounts:result_kinds"))
        form = ResultKindForm(request.POST)
        if form.is_valid():
            try:
                with once(request) as guard:
                    if guard.already_done:
                        return redirect(guard.result_url or reverse("accounts:result_kinds"))
                    kind = create_result_kind(
                        by=request.user,
                        name=form.cleaned_data["name"],
                        domain=form.cleaned_data["domain"],
                        order=form.cleaned_data["order"],
                    )
                    guard.result_url = reverse("accounts:result_kinds")
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("%(name)s is toegevoegd.") % {"name": kind})
                return redirect("accounts:result_kinds")
    else:
        form = ResultKindForm()
    return render(request, "accounts/result_kinds/form.html", {"form": form})


@functional_admin_required
def result_kind_edit(request: AuthenticatedRequest, kind_id: UUID) -> HttpResponse:
    kind = get_object_or_404(ResultKind, pk=kind_id)
    name = kind.name  # the form writes typed values onto the instance
    form = ResultKindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        try:
            update_result_kind(
                by=request.user,
                kind=kind,
                name=form.cleaned_data["name"],
                domain=form.cleaned_data["domain"],
                order=form.cleaned_data["order"],
                active=form.cleaned_data["active"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("De soort resultaat is opgeslagen."))
            return redirect("accounts:result_kinds")
    return render(
        request, "accounts/result_kinds/form.html", {"form": form, "kind": kind, "name": name}
    )
