"""Effects over all closed cases of a period: figures only, no case or name."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opkoers.core.http import AuthenticatedRequest
from opkoers.effects.forms import PeriodForm, default_period
from opkoers.effects.permissions import (
    can_view_aggregate,
    must_suppress_small_numbers,
    suppression_threshold,
)
from opkoers.effects.selectors import aggregate, teams_for_aggregate


@require_safe
def aggregate_page(request: AuthenticatedRequest) -> HttpResponse:
    if not can_view_aggregate(request.user):
        raise PermissionDenied
    teams = list(teams_for_aggregate(request.user))
    # Always bound, with the default period filled in, so the form shows what is counted.
    start, end = default_period()
    data = {"start": start.isoformat(), "end": end.isoformat(), "team": ""}
    for key in data:
        value = request.GET.get(key, "")
        if value:
            data[key] = value
    form = PeriodForm(data, teams=teams)
    start, end = form.period()
    chosen = form.chosen_teams()
    result = aggregate(teams=chosen, start=start, end=end)
    threshold = suppression_threshold()
    suppressed = must_suppress_small_numbers(request.user) and (
        0 < result.closed_cases < threshold or 0 < result.cases_with_entries < threshold
    )
    return render(
        request,
        "effects/aggregate.html",
        {
            "form": form,
            "teams": chosen,
            "show_team_choice": len(teams) > 1,
            "result": result,
            "suppressed": suppressed,
            "threshold": threshold,
        },
    )
