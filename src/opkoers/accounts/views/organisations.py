from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opkoers.accounts import services
from opkoers.accounts.forms import OrganisationForm
from opkoers.accounts.models import Organisation
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.views._helpers import add_service_error, earlier_submission_url
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


@functional_admin_required
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    organisations = Organisation.objects.order_by("-active", "name")
    return render(request, "accounts/organisations/list.html", {"organisations": organisations})


@functional_admin_required
def organisation_add(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        earlier = earlier_submission_url(request)
        if earlier is not None:
            return redirect(earlier or reverse("accounts:organisations"))
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                with once(request) as guard:
                    if guard.already_done:
                        return redirect(guard.result_url or reverse("accounts:organisations"))
                    organisation = services.create_organisation(
                        by=request.user,
                        name=form.cleaned_data["name"],
                        kind=form.cleaned_data["kind"],
                    )
                    guard.result_url = reverse("accounts:organisations")
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("Organisatie %(name)s is toegevoegd.") % {"name": organisation}
                )
                return redirect("accounts:organisations")
    else:
        form = OrganisationForm()
    return render(request, "accounts/organisations/form.html", {"form": form})


@functional_admin_required
def organisation_edit(request: AuthenticatedRequest, organisation_id: UUID) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    name = organisation.name  # the form writes typed values onto the instance
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                by=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                active=form.cleaned_data["active"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("De organisatie is opgeslagen."))
            return redirect("accounts:organisations")
    return render(
        request,
        "accounts/organisations/form.html",
        {"form": form, "organisation": organisation, "name": name},
    )
