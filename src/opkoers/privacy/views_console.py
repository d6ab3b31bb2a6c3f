"""The privacy officer's console: the landing page, the chain check, failed logins and
lockouts, and the retention dry run. Privacy officer only (403 for anyone else)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.core.forms import add_service_errors
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.privacy import selectors_console as selectors
from opkoers.privacy import services_console as services
from opkoers.privacy.forms import StartJobForm
from opkoers.privacy.models import VerificationStatus
from opkoers.privacy.permissions import is_privacy_officer

LOGIN_FAILURE_ROWS = 100
RETENTION_RUNS_SHOWN = 20


def _require_privacy_officer(request: AuthenticatedRequest) -> None:
    if not is_privacy_officer(request.user):
        raise PermissionDenied


@require_safe
def console(request: AuthenticatedRequest) -> HttpResponse:
    _require_privacy_officer(request)
    # Counts and staff names only, no resident's data: nothing to audit here.
    from opkoers.consent.selectors import ENDING_SOON_DAYS

    summary = selectors.console_summary(request.user)
    return render(
        request, "privacy/console.html", {"summary": summary, "ending_days": ENDING_SOON_DAYS}
    )


def _start_job(
    request: AuthenticatedRequest, *, start: Callable[..., Any], started: str, back: str
) -> tuple[StartJobForm, HttpResponse | None]:
    """The console's start buttons (chain check, retention dry run): on a valid POST
    start the job once (a double click starts nothing more) and go back to the page;
    otherwise the form to show, with the service's refusal if there was one."""
    form = StartJobForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if not guard.already_done:
                    start(by=request.user)
                    messages.success(request, started)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return form, redirect(back)
    return (StartJobForm() if request.method == "GET" or not form.errors else form), None


@require_http_methods(["GET", "POST"])
def chain_verification(request: AuthenticatedRequest) -> HttpResponse:
    _require_privacy_officer(request)
    form, done = _start_job(
        request,
        start=services.start_chain_verification,
        started=_("De controle is gestart. Vernieuw de pagina om de uitkomst te zien."),
        back="privacy:chain_verification",
    )
    if done:
        return done
    verifications = selectors.recent_verifications()
    latest = verifications[0] if verifications else None
    return render(
        request,
        "privacy/chain_verification.html",
        {
            "form": form,
            "latest": latest,
            "running": latest is not None and latest.status == VerificationStatus.RUNNING,
            "earlier": verifications[1:],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_safe
def login_failures(request: AuthenticatedRequest) -> HttpResponse:
    from opkoers.accounts.selectors import (
        LOGIN_FAILURE_DAYS,
        current_lockouts,
        recent_login_failures,
    )

    _require_privacy_officer(request)
    with transaction.atomic():
        record(actor=request.user, action=AuditAction.VIEW, code="privacy.login_failures.view")
        failures = recent_login_failures(limit=LOGIN_FAILURE_ROWS)
        lockouts = current_lockouts()
    return render(
        request,
        "privacy/login_failures.html",
        {
            "failures": failures,
            "lockouts": lockouts,
            "days": LOGIN_FAILURE_DAYS,
            "limit": LOGIN_FAILURE_ROWS,
            "capped": len(failures) >= LOGIN_FAILURE_ROWS,
        },
    )


@require_http_methods(["GET", "POST"])
def retention(request: AuthenticatedRequest) -> HttpResponse:
    _require_privacy_officer(request)
    form, done = _start_job(
        request,
        start=services.start_retention_dry_run,
        started=_("De proefdraai is gestart. Vernieuw de pagina om het verslag te zien."),
        back="privacy:retention",
    )
    if done:
        return done
    runs = selectors.recent_retention_runs(limit=RETENTION_RUNS_SHOWN)
    return render(
        request,
        "privacy/retention.html",
        {
            "form": form,
            "runs": runs,
            "waiting": any(r.finished_at is None for r in runs),
        },
        status=422 if request.method == "POST" else 200,
    )
