"""django-axes, configured for Op Koers (settings AXES_*).

- Locks the combination of typed name and address (AXES_LOCKOUT_PARAMETERS), so nobody
  can lock a colleague out from another address.
- Adds a second, higher limit per address alone (OPKOERS_ADDRESS_FAILURE_LIMIT): one
  password tried once on many names never reaches a per-name limit. Axes has one
  failure limit for all parameter sets, so this handler adds the address count itself.
- Writes every failed password login and every lockout to the audit log
  (auth.login_failed, auth.lockout) with the person when the typed name is theirs; the
  typed name itself is not stored anywhere but in axes' own attempt rows.
- Shows the Dutch message on the login page instead of axes' bare 429."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


def typed_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name as axes counts it: case and surrounding spaces do not dodge the count."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return str(raw).strip().casefold()[:150]


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR only. Behind a reverse proxy, the proxy middleware rewrites it to the
    client's address before this runs (never a header a client can set)."""
    return request.META.get("REMOTE_ADDR") or None


def client_str(*_args: Any) -> str:
    """What axes puts in technical log lines: no name, no address."""
    return "een client"


def address_failures(address: str | None) -> int:
    """Failed passwords from this address, over every typed name, within the cool-off."""
    if not address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def address_limit() -> int:
    return int(getattr(settings, "OPKOERS_ADDRESS_FAILURE_LIMIT", 50))


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        own = super().get_failures(request, credentials)
        limit = int(settings.AXES_FAILURE_LIMIT)
        if own < limit and address_failures(getattr(request, "axes_ip_address", None)) >= (
            address_limit()
        ):
            request.opkoers_lock_stage = "address"
            return limit
        return own

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        was_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        from opkoers.accounts.services import login_events

        locked = bool(getattr(request, "axes_locked_out", False))
        login_events.record_password_failure(
            typed_name=get_client_username(request, credentials) or "",
            locked=locked,
            lockout_started=locked and not was_locked,
            lock_stage=getattr(request, "opkoers_lock_stage", "password"),
        )


def cool_off_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    assert isinstance(cool_off, timedelta)
    return int(cool_off.total_seconds() // 60)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The login page with the Dutch lockout message, the same whether or not the name
    exists (also for the Django admin's login, which posts the same fields)."""
    from django.shortcuts import render

    from opkoers.accounts.forms import LoginForm

    form = LoginForm(request, data=request.POST, locked=True)
    form.is_valid()
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next", "")},
        status=429,
    )
