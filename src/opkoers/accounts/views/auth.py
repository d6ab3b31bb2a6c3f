from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opkoers.accounts import services
from opkoers.accounts.forms import InvitationPasswordForm, LoginForm, PasswordChangeForm
from opkoers.accounts.models import User
from opkoers.accounts.services import invitations, mfa
from opkoers.accounts.views._helpers import add_service_error, home_url_for
from opkoers.core.middleware import redirect_for


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        services.record_login(user=user)
        if mfa.requires_mfa(user) or mfa.confirmed_device(user) is not None:
            self.request.session[mfa.MFA_PENDING] = True
            return redirect_for(
                self.request,
                reverse("accounts:mfa_verify") + "?" + urlencode({"next": response["Location"]}),
            )
        return response

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        assert isinstance(user, User)
        return home_url_for(user)


@login_not_required
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link from an invitation or reset email: choose a password, then (logged in
    by the link) set up the second factor. Works once; an unknown, used or expired link
    gets the same Dutch page, so it tells nothing about whether it ever existed."""
    found = invitations.open_invitation(token)
    if found is None:
        return render(request, "accounts/invitation.html", {"invalid": True}, status=404)
    form = InvitationPasswordForm(found.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(token=token, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            services.record_login(user=user)
            if mfa.requires_mfa(user) or mfa.confirmed_device(user) is not None:
                request.session[mfa.MFA_PENDING] = True
            messages.success(request, _("Uw wachtwoord is ingesteld."))
            return redirect_for(request, reverse("accounts:mfa_verify"))
    return render(request, "accounts/invitation.html", {"form": form, "person": found.user})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user
        try:
            services.change_own_password(user=user, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        # Keeps this session signed in; other sessions of this person end.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return HttpResponseRedirect(home_url_for(user))
