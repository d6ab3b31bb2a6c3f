"""Step 7 (afronding en evaluatie), stopping early and reopening.

Every write refuses a closed case with 403 (reopening is the one way back), and every
form carries a submission token so that a double click does not act twice."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opkoers.cases.access import CaseAccess, To, access_case
from opkoers.cases.forms_closing import ClosingForm, PlainTokenForm, ReopenForm, StopEarlyForm
from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.selectors import case_header
from opkoers.cases.selectors_closing import closing_page, closing_summary
from opkoers.cases.services import closing as services
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.models import SubmissionToken
from opkoers.core.submissions import FIELD_NAME, once


def _detail(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def _closing_url(case: Case) -> str:
    return reverse("cases:closing", args=[case.pk])


def _fresh_token(data: QueryDict) -> QueryDict:
    """After a save whose close was refused the posted token is spent; the re-rendered
    form needs a new one or the next submit would count as a double click."""
    copy = data.copy()
    copy[FIELD_NAME] = str(uuid.uuid4())
    return copy


def _claimed_url(request: AuthenticatedRequest) -> str | None:
    """The result of an earlier submit of this very form, if there was one: the second
    click of 'Traject afsluiten' finds the case closed and should land where the first
    one did, not on a 403."""
    try:
        token = uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None
    claimed = SubmissionToken.objects.filter(pk=token).first()
    return (claimed.result_url or "/") if claimed else None


def _refuse_write(request: AuthenticatedRequest, case: Case) -> HttpResponse | None:
    """None when the user may write; a repeated submit of a step that is done (the case
    may be closed by it) goes to that step's result instead of a refusal."""
    try:
        access_case(request, case.pk, to=To.WRITE)
    except PermissionDenied:
        earlier = _claimed_url(request)
        if earlier:
            return redirect(earlier)
        raise
    return None


@require_http_methods(["GET", "POST"])
def closing(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id).case
    if request.method == "POST" and (refused := _refuse_write(request, case)):
        return refused
    if case.status not in (CaseStatus.CLOSING, CaseStatus.CLOSED):
        messages.info(request, _("Start eerst de afronding vanaf de pagina van het traject."))
        return redirect(_detail(case))
    if request.method == "POST":
        return _closing_post(request, case)
    return _render_closing(request, case, _closing_form(case))


def _closing_form(case: Case, data: QueryDict | None = None) -> ClosingForm:
    return ClosingForm(data, page=closing_page(case), ladder_at_intake=case.ladder_at_intake)


def _render_closing(
    request: AuthenticatedRequest,
    case: Case,
    form: ClosingForm,
    close_errors: list[str] | None = None,
) -> HttpResponse:
    access = access_case(request, case.pk, audit="case.closing.view")
    return render(
        request,
        "cases/closing.html",
        {
            "case": case,
            "header": case_header(case),
            "subpage": _("Afronding en evaluatie"),
            "form": form,
            "close_errors": close_errors or [],
            "can_edit": access.may(To.WRITE),
            "back_form": PlainTokenForm(),
        },
    )


def _closing_post(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = _closing_form(case, request.POST)
    if not form.is_valid():
        return _render_closing(request, case, form)
    wants_close = request.POST.get("action") == "close"
    close_errors: list[str] = []
    try:
        with once(request) as guard:
            if guard.already_done:
                return redirect(guard.result_url or _closing_url(case))
            services.save_closing(case=case, by=request.user, data=form.to_input())
            guard.result_url = _closing_url(case)
            if wants_close:
                try:
                    # A savepoint: a refused close keeps what was just saved.
                    with transaction.atomic():
                        services.close_case(case=case, by=request.user)
                except ValidationError as exc:
                    close_errors = exc.messages
                else:
                    guard.result_url = _detail(case)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_closing(request, case, form)
    if not wants_close:
        messages.success(request, _("De afronding is opgeslagen."))
        return redirect(_closing_url(case))
    if not close_errors:
        messages.success(request, _("Het traject is afgesloten."))
        return redirect(_detail(case))
    # Saved, but not closed: show what is missing next to the values just typed.
    case.refresh_from_db()
    form = _closing_form(case, _fresh_token(request.POST))
    form.is_valid()
    return _render_closing(request, case, form, close_errors=close_errors)


def _move(request: AuthenticatedRequest, case_id: UUID, action: str) -> HttpResponse:
    """The buttons without input: start closing and back to lopend."""
    case = access_case(request, case_id).case
    if refused := _refuse_write(request, case):
        return refused
    try:
        with once(request) as guard:
            if guard.already_done:
                return redirect(guard.result_url or _detail(case))
            if action == "start":
                services.start_closing(case=case, by=request.user)
                guard.result_url = _closing_url(case)
                done = _("De afronding is gestart.")
            else:
                services.back_to_in_progress(case=case, by=request.user)
                guard.result_url = _detail(case)
                done = _("Het traject is terug naar lopend.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_detail(case))
    messages.success(request, done)
    return redirect(guard.result_url)


@require_POST
def start_closing(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    return _move(request, case_id, "start")


@require_POST
def back_to_in_progress(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    return _move(request, case_id, "back")


@require_http_methods(["GET", "POST"])
def stop_early(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id).case
    if refused := _refuse_write(request, case):
        return refused
    if case.status not in services.CAN_STOP_EARLY:
        messages.info(request, _("Stoppen kan alleen zolang er nog geen Samen1plan is."))
        return redirect(_detail(case))
    form = StopEarlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or _detail(case))
                services.stop_case_early(
                    case=case,
                    by=request.user,
                    stop_reason=form.cleaned_data["stop_reason"],
                    explanation=form.cleaned_data["stop_explanation"],
                )
                guard.result_url = _detail(case)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het traject is gestopt."))
            return redirect(_detail(case))
    return _render_small_form(request, case, form, "cases/closing_stop.html", _("Traject stoppen"))


@require_http_methods(["GET", "POST"])
def reopen(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    case = access_case(request, case_id).case
    if not case.is_closed:
        earlier = _claimed_url(request) if request.method == "POST" else None
        if earlier:
            return redirect(earlier)
        messages.info(request, _("Dit traject is niet afgesloten."))
        return redirect(_detail(case))
    access_case(request, case_id).require(To.REOPEN)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as guard:
                if guard.already_done:
                    return redirect(guard.result_url or _detail(case))
                services.reopen_case(
                    case=case, by=request.user, reason=form.cleaned_data["reopen_reason"]
                )
                guard.result_url = _detail(case)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het traject is heropend en staat weer op lopend."))
            return redirect(_detail(case))
    return _render_small_form(
        request, case, form, "cases/closing_reopen.html", _("Traject heropenen")
    )


def _render_small_form(
    request: AuthenticatedRequest,
    case: Case,
    form: StopEarlyForm | ReopenForm,
    template: str,
    subpage: str,
) -> HttpResponse:
    access_case(request, case.pk, audit="case.closing.view")
    return render(
        request,
        template,
        {
            "case": case,
            "header": case_header(case),
            "subpage": subpage,
            "form": form,
            "summary": closing_summary(case),
        },
    )


def closing_section(access: CaseAccess) -> dict[str, Any]:
    """Context for the case page's closing section (cases/_closing_section.html)."""
    summary = closing_summary(access.case)
    return {
        "summary": summary,
        "can_reopen": access.may(To.REOPEN),
        "token_form": PlainTokenForm() if summary.can_start_closing else None,
        "stop_form": StopEarlyForm() if summary.can_stop_early else None,
        "reopen_form": ReopenForm() if summary.closed else None,
    }
