"""The project leader's budget pages: overview, approval queue, decisions, payments
and the team's pot and cap."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.accounts.models import Team
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets import services
from opkoers.budgets.forms import (
    CancelApprovalForm,
    CapForm,
    DecisionForm,
    PaymentForm,
    PotForm,
)
from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.budgets.permissions import led_teams, managed_teams
from opkoers.budgets.selectors import approval_queue, team_overview
from opkoers.cases.access import To, access_case, personal_data_ids, record_listing
from opkoers.core.http import AuthenticatedRequest


def pick_team(request: AuthenticatedRequest, teams: QuerySet[Team]) -> tuple[Team, list[Team]]:
    """The team chosen with ?team=, else the first; 403 for someone who leads none."""
    options = list(teams)
    if not options:
        raise PermissionDenied
    wanted = request.GET.get("team", "")
    chosen = next((t for t in options if str(t.pk) == wanted), options[0])
    return chosen, options


def pick_year(request: AuthenticatedRequest) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _with_team(url: str, team: Team) -> str:
    return f"{url}?team={team.pk}"


@require_safe
def overview(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, led_teams(request.user))
    year = pick_year(request)
    data = team_overview(team, year)
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditAction.VIEW,
            code="budget.overview",
            detail={"team": str(team.pk), "year": year},
        )
    return render(
        request,
        "budgets/overview.html",
        {"team": team, "teams": teams, "year": year, "overview": data},
    )


@require_safe
def queue(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, led_teams(request.user))
    rows = approval_queue(team)
    case_ids = sorted({str(r.case_id) for r in rows})
    ok = personal_data_ids(request.user, case_ids)
    # Only the rows whose personal data showed are appearances of a resident.
    record_listing(request, code="budget.queue", case_ids=sorted(ok))
    items = [{"request": r, "personal_ok": str(r.case_id) in ok} for r in rows]
    return render(
        request,
        "budgets/queue.html",
        {"team": team, "teams": teams, "items": items, "today": timezone.localdate()},
    )


def _led_request(request: AuthenticatedRequest, request_id: UUID) -> BudgetRequest:
    """404 for a request outside the teams the user leads; the consent check of the
    case applies as on every case page, and break-glass alone never decides or pays."""
    budget_request = get_object_or_404(
        BudgetRequest.objects.select_related("case"),
        pk=request_id,
        team__in=led_teams(request.user),
    )
    access_case(request, budget_request.case_id, to=To.DECIDE)
    return budget_request


@require_POST
def decide(request: AuthenticatedRequest, request_id: UUID) -> HttpResponse:
    budget_request = _led_request(request, request_id)
    back = _with_team(reverse("budget_team:queue"), budget_request.team)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies goedkeuren, afwijzen of meer informatie vragen."))
        return redirect(back)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "approve":
            services.approve_request(
                budget_request=budget_request, by=request.user, override_motivation=note
            )
            done = _("De aanvraag van %(ref)s is goedgekeurd.")
        elif decision == "reject":
            services.reject_request(budget_request=budget_request, by=request.user, reason=note)
            done = _("De aanvraag van %(ref)s is afgewezen.")
        else:
            services.ask_more_info(budget_request=budget_request, by=request.user, question=note)
            done = _("Bij de aanvraag van %(ref)s is om meer informatie gevraagd.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{back}#aanvraag-{budget_request.pk}")
    messages.success(request, done % {"ref": budget_request.case.reference})
    return redirect(back)


def payment(request: AuthenticatedRequest, request_id: UUID) -> HttpResponse:
    budget_request = _led_request(request, request_id)
    if budget_request.status != RequestStatus.APPROVED:
        messages.error(request, _("Deze aanvraag is niet (meer) goedgekeurd en onbetaald."))
        return redirect(_with_team(reverse("budget_team:ledger"), budget_request.team))
    form = PaymentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_payment(
                budget_request=budget_request,
                by=request.user,
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De betaling is geregistreerd."))
            url = _with_team(reverse("budget_team:ledger"), budget_request.team)
            return redirect(f"{url}&jaar={budget_request.pot_year}")
    return _payment_page(request, budget_request, form, CancelApprovalForm())


@require_POST
def cancel(request: AuthenticatedRequest, request_id: UUID) -> HttpResponse:
    """The other way out of an approved, unpaid request: it lapses, with a reason, and
    its amount is free again. Shown on the payment page."""
    budget_request = _led_request(request, request_id)
    ledger_url = _with_team(reverse("budget_team:ledger"), budget_request.team)
    form = CancelApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_approval(
                budget_request=budget_request, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            # Paid or already lapsed (a second click): nothing to undo, say so.
            messages.error(request, " ".join(exc.messages))
            return redirect(ledger_url)
        messages.success(request, _("De goedkeuring is ingetrokken; het bedrag is weer vrij."))
        return redirect(f"{ledger_url}&jaar={budget_request.pot_year}")
    if budget_request.status != RequestStatus.APPROVED:
        messages.error(request, _("Deze aanvraag is niet (meer) goedgekeurd en onbetaald."))
        return redirect(ledger_url)
    return _payment_page(request, budget_request, PaymentForm(), form)


def _payment_page(
    request: AuthenticatedRequest,
    budget_request: BudgetRequest,
    form: PaymentForm,
    cancel_form: CancelApprovalForm,
) -> HttpResponse:
    return render(
        request,
        "budgets/payment.html",
        {"budget_request": budget_request, "form": form, "cancel_form": cancel_form},
    )


def settings_page(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, managed_teams(request.user))
    year = pick_year(request)
    pot = team.budget_pots.filter(year=year).first()
    pot_form = PotForm(initial={"year": year, "amount": pot.amount if pot else ""})
    cap_form = CapForm(initial={"cap": services.cap_for(team.pk)})
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "pot":
                pot_form = PotForm(request.POST)
                if pot_form.is_valid():
                    services.set_pot(
                        team=team,
                        year=pot_form.cleaned_data["year"],
                        amount=pot_form.cleaned_data["amount"],
                        by=request.user,
                    )
                    messages.success(request, _("De budgetpot is opgeslagen."))
                    return redirect(_with_team(reverse("budget_team:settings"), team))
            elif which == "cap":
                cap_form = CapForm(request.POST)
                if cap_form.is_valid():
                    services.set_cap(team=team, cap=cap_form.cleaned_data["cap"], by=request.user)
                    messages.success(request, _("Het maximum per inwoner is opgeslagen."))
                    return redirect(_with_team(reverse("budget_team:settings"), team))
        except ValidationError as exc:
            (pot_form if which == "pot" else cap_form).add_error(None, exc)
    return render(
        request,
        "budgets/settings.html",
        {
            "team": team,
            "teams": teams,
            "year": year,
            "pots": team.budget_pots.order_by("-year")[:10],
            "pot_form": pot_form,
            "cap_form": cap_form,
        },
    )
