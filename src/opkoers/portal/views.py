"""The public self-registration form and its thank-you page. No login; a double
submit creates one case; a filled honeypot or too many registrations from one address
get the same calm page as a person, without a case."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opkoers.cases.services.self_registration import register_self, self_registration_teams
from opkoers.core.forms import add_service_errors
from opkoers.core.submissions import once
from opkoers.portal import throttle
from opkoers.portal.emails import send_confirmation
from opkoers.portal.forms import SelfRegistrationForm


@login_not_required
@require_http_methods(["GET", "POST"])
def self_register(request: HttpRequest) -> HttpResponse:
    teams = self_registration_teams()
    form = SelfRegistrationForm(request.POST or None, teams=teams)
    limited = False
    if request.method == "POST" and teams and form.is_valid():
        if form.is_bot:
            # Say nothing that teaches a script what gave it away.
            return redirect("portal:self_register_done")
        if throttle.is_limited(request):
            limited = True
        else:
            try:
                with once(request) as guard:
                    if guard.already_done:
                        return redirect("portal:self_register_done")
                    case = register_self(**form.service_kwargs())
                    guard.result_url = reverse("portal:self_register_done")
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                throttle.count(request)
                request.session["self_registered_email"] = bool(case.resident.email)
                send_confirmation(case)
                return redirect(guard.result_url)
    return render(
        request,
        "portal/self_register.html",
        {
            "form": form,
            "teams": teams,
            "limited": limited,
            "answer_days": settings.SELF_REGISTRATION_ANSWER_DAYS,
            # The public layout: no staff menu, also for a logged-in professional.
            "nav_items": [],
        },
        status=429 if limited else 200,
    )


@login_not_required
@require_http_methods(["GET"])
def self_register_done(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/self_register_done.html",
        {
            "emailed": request.session.get("self_registered_email", False),
            "answer_days": settings.SELF_REGISTRATION_ANSWER_DAYS,
            "nav_items": [],
        },
    )
