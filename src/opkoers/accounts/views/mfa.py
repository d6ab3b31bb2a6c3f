"""The second login step: set up the authenticator app, enter its code; and the
functional admin's reset for someone who lost their phone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from opkoers.accounts.forms import MfaCodeForm
from opkoers.accounts.models import TotpDevice, User
from opkoers.accounts.permissions import functional_admin_required
from opkoers.accounts.services import mfa
from opkoers.accounts.views._helpers import add_service_error, home_url_for
from opkoers.core.http import AuthenticatedRequest


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    assert isinstance(request.user, User)
    return home_url_for(request.user)


def _passed(request: HttpRequest, device: TotpDevice | None) -> HttpResponse:
    # A new session key after the second step too: an id seen before it is worthless.
    request.session.cycle_key()
    if device is not None:
        otp_login(request, device)
    request.session.pop(mfa.MFA_PENDING, None)
    return HttpResponseRedirect(_next_url(request))


def _verified(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr]


@never_cache
def mfa_verify(request: AuthenticatedRequest) -> HttpResponse:
    if _verified(request):
        return HttpResponseRedirect(_next_url(request))
    if mfa.confirmed_device(request.user) is None:
        if mfa.requires_mfa(request.user):
            setup = redirect("accounts:mfa_setup")
            setup["Location"] += "?" + request.GET.urlencode() if request.GET else ""
            return setup
        return _passed(request, None)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = mfa.verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _passed(request, device)
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@never_cache
def mfa_setup(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if mfa.confirmed_device(user) is not None:
        if not _verified(request):
            # Only the admin's reset allows a new app: a stolen password must not.
            return redirect("accounts:mfa_verify")
        return render(request, "accounts/mfa_setup.html", {"already": True})
    secret = mfa.pending_secret(user=user)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = mfa.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return _passed(request, device)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "secret": mfa.grouped(secret),
            "uri": mfa.provisioning_uri(secret, account=user.username),
            "required": mfa.requires_mfa(user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@functional_admin_required
@require_POST
def user_mfa_reset(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(User, pk=user_id)
    try:
        mfa.reset(by=request.user, user=person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Tweestapsverificatie van %(name)s is hersteld; bij de volgende keer inloggen "
                "stelt deze persoon een nieuwe app in."
            )
            % {"name": person},
        )
    return redirect("accounts:user_edit", user_id=person.pk)
