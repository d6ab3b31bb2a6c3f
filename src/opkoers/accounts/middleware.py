"""Gates between logging in and using the product, in this order:
1. the second step (MFA code, or setting up the app when it is required);
2. someone whose password was set by a functional admin must choose their own.
Until a gate is passed every page leads to it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from opkoers.accounts.services.mfa import MFA_PENDING, MFA_VERIFIED, requires_mfa
from opkoers.core.middleware import redirect_for


def _mfa_paths() -> set[str]:
    return {reverse("accounts:mfa_verify"), reverse("accounts:mfa_setup")}


class MfaRequiredMiddleware:
    """No database query on the way: whether a login needs a code is decided at login
    (MFA_PENDING) or follows from the role; a verified session is marked once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        session = request.session
        if (
            user.is_authenticated
            and not session.get(MFA_VERIFIED)
            and (session.get(MFA_PENDING) or requires_mfa(user))
            and request.path not in _mfa_paths() | {reverse("accounts:logout")}
        ):
            target = reverse("accounts:mfa_verify")
            if request.method == "GET" and not request.headers.get("HX-Request"):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect_for(request, target)
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = {
                reverse("accounts:password_change"),
                reverse("accounts:logout"),
                reverse("accounts:login"),
                *_mfa_paths(),
            }
            if request.path not in allowed:
                return redirect("accounts:password_change")
        return self.get_response(request)
