"""The project leader's deviation register, approvals and team setting, and the
bottleneck overview for policy staff."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opkoers.budgets.permissions import led_teams, managed_teams
from opkoers.budgets.views.team import pick_team
from opkoers.cases.access import To, access_case, personal_data_ids, record_listing
from opkoers.core.http import AuthenticatedRequest
from opkoers.deviations import services
from opkoers.deviations.forms import DecisionForm, PeriodForm, PolicyForm, RegisterFilterForm
from opkoers.deviations.models import Deviation
from opkoers.deviations.permissions import bottleneck_teams
from opkoers.deviations.selectors import Bottleneck, bottlenecks, register_for
from opkoers.reports.figures import is_small
from opkoers.reports.permissions import must_suppress, suppression_threshold

if TYPE_CHECKING:
    from opkoers.accounts.models import User

PAGE_SIZE = 50


@require_safe
def register(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, led_teams(request.user))
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = register_for(
        team,
        rule_id=getattr(filters.get("rule"), "pk", None),
        status=filters.get("status", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    case_ids = sorted({str(d.case_id) for d in page.object_list})
    ok = personal_data_ids(request.user, case_ids)
    # Only the rows whose personal data showed are appearances of a resident.
    record_listing(request, code="deviation.register", case_ids=sorted(ok))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "deviations/register.html",
        {
            "team": team,
            "teams": teams,
            "form": form,
            "page": page,
            "items": [{"d": d, "personal_ok": str(d.case_id) in ok} for d in page.object_list],
            "query": query.urlencode(),
        },
    )


@require_POST
def decide(request: AuthenticatedRequest, deviation_id: UUID) -> HttpResponse:
    deviation = get_object_or_404(Deviation, pk=deviation_id, team__in=led_teams(request.user))
    # The case's consent check as on every case page; break-glass alone never decides.
    access_case(request, deviation.case_id, to=To.DECIDE)
    back = f"{reverse('deviation_team:register')}?team={deviation.team_id}"
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect(back)
    try:
        if form.cleaned_data["decision"] == "approve":
            services.approve_deviation(deviation=deviation, by=request.user)
            messages.success(request, _("De afwijking is goedgekeurd."))
        else:
            services.reject_deviation(
                deviation=deviation, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("De afwijking is afgewezen."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(back)


def _period(form: PeriodForm) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    date_to = data.get("date_to") or today
    date_from = data.get("date_from") or date_to.replace(month=1, day=1)
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    return date_from, date_to


@require_safe
def bottleneck_overview(request: AuthenticatedRequest) -> HttpResponse:
    """No personal data on this page, so no audit row per view: it shows counts per
    rule and texts their authors released as anonymised examples."""
    teams = list(bottleneck_teams(request.user))
    if not teams:
        return render(request, "deviations/bottlenecks.html", {"no_teams": True}, status=403)
    form = PeriodForm(request.GET or None)
    date_from, date_to = _period(form)
    return render(
        request,
        "deviations/bottlenecks.html",
        {
            "teams": teams,
            "form": form,
            "date_from": date_from,
            "date_to": date_to,
            "rows": _suppressed_for(request.user, bottlenecks(teams, date_from, date_to)),
            "threshold": suppression_threshold(),
            "suppressed": must_suppress(request.user),
        },
    )


def _suppressed_for(user: User, rows: list[Bottleneck]) -> list[Bottleneck]:
    """Policy staff see aggregates only, as in the reports: a count of deviations or
    residents from 1 to the threshold minus one shows as "< threshold", so a rule that
    blocked one resident does not point at that resident next to a released example."""
    if not must_suppress(user):
        return rows
    threshold = suppression_threshold()
    for row in rows:
        for key in ("deviations", "residents"):
            if is_small(row.rule[key], threshold):
                row.rule[key] = f"< {threshold}"
    return rows


def settings_page(request: AuthenticatedRequest) -> HttpResponse:
    team, teams = pick_team(request, managed_teams(request.user))
    form = PolicyForm(
        # An unticked box posts nothing: an empty POST is still a submitted form.
        request.POST if request.method == "POST" else None,
        initial={"approval_required": services.approval_required(team.pk)},
    )
    if request.method == "POST" and form.is_valid():
        services.set_approval_required(
            team=team, required=form.cleaned_data["approval_required"], by=request.user
        )
        messages.success(request, _("De instelling is opgeslagen."))
        return redirect(f"{reverse('deviation_team:settings')}?team={team.pk}")
    return render(request, "deviations/settings.html", {"team": team, "teams": teams, "form": form})
