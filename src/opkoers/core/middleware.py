"""Request-wide behaviour: language, security headers, logout after inactivity.

Language: Dutch unless the user chose English with the switch in the footer. Django's
LocaleMiddleware would follow the browser's Accept-Language; a Dutch municipal team on
an English-language laptop should still get the Dutch product."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

# No inline script or style anywhere: templates use classes and static files only.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
DEFAULT_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
LAST_ACTIVITY = "last_activity"
# Writing the session on every request would cost a query each time; a minute of
# slack on a 30-minute timeout does not matter.
ACTIVITY_RESOLUTION_SECONDS = 60


def redirect_for(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect htmx follows with a full page load instead of swapping the login page
    into a fragment of the old one."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so the choice of one request
        # never lingers in the thread (in tests it would turn later tests English).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set (CSP, Permissions-Policy,
    Cross-Origin-Resource-Policy). A view may set a stricter CSP itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class IdleTimeoutMiddleware:
    """Logs out after settings.SESSION_IDLE_TIMEOUT seconds without a request; the
    absolute maximum is SESSION_COOKIE_AGE. Login stamps the first activity (see
    mark_activity), so a fresh session costs no extra write here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY)
            timeout = int(getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60))
            if last is not None and now - int(last) > timeout:
                logout(request)
                messages.info(
                    request,
                    _(
                        "U bent automatisch uitgelogd omdat u %(minutes)d minuten niets "
                        "heeft gedaan. Log opnieuw in om verder te gaan."
                    )
                    % {"minutes": timeout // 60},
                )
                url = reverse(settings.LOGIN_URL)
                if request.method == "GET" and not request.headers.get("HX-Request"):
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect_for(request, url)
            if last is None or now - int(last) >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


def mark_activity(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """user_logged_in receiver (also fired by the test client's force_login)."""
    request.session[LAST_ACTIVITY] = int(time.time())


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer except static files: almost every
    page and download shows personal data, and one that does not today may tomorrow.
    A shared computer's browser cache, a proxy or the back button must not keep them. A
    view that already says no-store keeps its own wording."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = settings.STATIC_URL or "/static/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        response["Pragma"] = "no-cache"
        response.headers.pop("Expires", None)
        return response
