"""The gate between logging in and using the product: the second step (a code, or
setting up the app when it is required). Until it is passed every page leads to it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from opkoers.accounts.services.mfa import MFA_PENDING, requires_mfa
from opkoers.core.middleware import redirect_for


def _mfa_paths() -> set[str]:
    return {reverse("accounts:mfa_verify"), reverse("accounts:mfa_setup")}


class MfaRequiredMiddleware:
    """After django_otp's OTPMiddleware. Whether a login needs a code is decided at login
    (MFA_PENDING) or follows from the setting; `is_verified()` reads the device that
    django_otp.login() put in the session (one query, and only once verified)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        session = request.session
        if (
            user.is_authenticated
            and (session.get(MFA_PENDING) or requires_mfa(user))
            # Installed on the user by django_otp's OTPMiddleware.
            and not user.is_verified()  # type: ignore[attr-defined]
            and request.path not in _mfa_paths() | {reverse("accounts:logout")}
        ):
            target = reverse("accounts:mfa_verify")
            if request.method == "GET" and not request.headers.get("HX-Request"):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect_for(request, target)
        return self.get_response(request)
