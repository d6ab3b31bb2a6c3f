"""Aanmelding: the registration form. A double submit creates one case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opkoers.cases.forms_registration import RegistrationForm
from opkoers.cases.services.registration import register_case
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once


@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.works_on_cases:
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or reverse("cases:worklist"))
                case = register_case(by=request.user, **form.service_kwargs())
                guard.result_url = reverse("cases:detail", args=[case.pk])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("De aanmelding is vastgelegd als traject %(ref)s en staat in de intakelijst.")
                % {"ref": case.reference},
            )
            return redirect(guard.result_url)
    return render(
        request,
        "cases/register.html",
        {"form": form, "has_team": bool(form.teams)},
        status=200,
    )
