"""The calculator of one case: both timelines side by side, adding and removing lines."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from opkoers.cases.access import CaseAccess, To, access_case, record_read
from opkoers.cases.models import Case
from opkoers.cases.selectors import case_header
from opkoers.core.concurrency import EditConflict
from opkoers.core.forms import add_service_errors
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.effects.forms import EntryEditForm, EntryForm
from opkoers.effects.models import TimelineEntry
from opkoers.effects.selectors import active_price_items, case_effects
from opkoers.effects.services import add_entry, propose_team_time, remove_entry, update_entry
from opkoers.effects.services.proposal import HOURS_PER_PROFESSIONAL, TEAM_HOUR_ITEM


def _page_url(case: Case, anchor: str = "") -> str:
    url = reverse("effects:case", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def _render(
    request: AuthenticatedRequest,
    access: CaseAccess,
    form: EntryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    record_read(request, access, code="effects.view")
    case = access.case
    can_edit = access.may(To.WRITE_EFFECTS)
    items = active_price_items() if can_edit else []
    if can_edit and form is None:
        form = EntryForm(items=items)
    return render(
        request,
        "effects/case.html",
        {
            "case": case,
            "header": case_header(case),
            "effects": case_effects(case),
            "can_edit": can_edit,
            "form": form if can_edit else None,
            # From the list already loaded for the form: no extra query.
            "team_hour_item": next((i for i in items if i.name == TEAM_HOUR_ITEM), None),
            "hours_per_professional": HOURS_PER_PROFESSIONAL,
            "subpage": _("Effectencalculator"),
        },
        status=status,
    )


@require_safe
def case_effects_page(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    return _render(request, access_case(request, case_id, to=To.READ))


@require_POST
def entry_add(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    access = access_case(request, case_id, to=To.WRITE_EFFECTS)
    case = access.case
    form = EntryForm(request.POST, items=active_price_items())
    if form.is_valid():
        data = form.cleaned_data
        try:
            with once(request) as guard:
                if not guard.already_done:
                    entry = add_entry(
                        case=case,
                        by=request.user,
                        timeline=data["timeline"],
                        price_item=data["price_item"],
                        quantity=data["quantity"],
                        occurred_on=data["occurred_on"],
                        description=data["description"],
                        payer=data["payer"],
                    )
                    guard.result_url = _page_url(case, f"tijdlijn-{entry.timeline}")
                    messages.success(request, _("De post is toegevoegd."))
            return redirect(guard.result_url or _page_url(case))
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _render(request, access, form, status=422)


def _saved_values(entry: TimelineEntry) -> dict[str, object]:
    return {
        "quantity": entry.quantity,
        "occurred_on": entry.occurred_on,
        "payer": entry.payer,
        "description": entry.description,
    }


def entry_edit(request: AuthenticatedRequest, case_id: UUID, entry_id: UUID) -> HttpResponse:
    """Change a line's quantity, date, payer or note (its own page, so it works without
    JavaScript); the post and its price stay."""
    case = access_case(request, case_id, to=To.READ).case
    entry = get_object_or_404(
        TimelineEntry.objects.select_related("price_item"), pk=entry_id, case=case
    )
    access = access_case(request, case_id, to=To.WRITE_EFFECTS)
    if request.method == "POST":
        form = EntryEditForm(request.POST)
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_entry(
                    entry=entry,
                    by=request.user,
                    quantity=data["quantity"],
                    occurred_on=data["occurred_on"],
                    description=data["description"],
                    payer=data["payer"],
                    expected_version=form.expected_version,
                )
            except EditConflict as conflict:
                current = conflict.current
                assert isinstance(current, TimelineEntry)
                if not form.nothing_differs(_saved_values(current)):
                    form.show_conflict(conflict, saved=_saved_values(current))
                    status = 409
                    entry = current
            except ValidationError as exc:
                add_service_errors(form, exc)
            if status != 409 and not form.errors:
                messages.success(request, _("De post is gewijzigd."))
                return redirect(_page_url(case, f"tijdlijn-{entry.timeline}"))
    else:
        form = EntryEditForm(initial=_saved_values(entry), version=entry.version)
        status = 200
    record_read(request, access, code="effects.view")
    return render(
        request,
        "effects/entry_form.html",
        {
            "case": case,
            "header": case_header(case),
            "entry": entry,
            "form": form,
            "subpage": _("Effectencalculator"),
        },
        status=status,
    )


@require_POST
def entry_remove(request: AuthenticatedRequest, case_id: UUID, entry_id: UUID) -> HttpResponse:
    case = access_case(request, case_id, to=To.READ).case
    entry = get_object_or_404(TimelineEntry.objects.select_related("case"), pk=entry_id, case=case)
    access_case(request, case_id, to=To.WRITE_EFFECTS)
    remove_entry(entry=entry, by=request.user)
    messages.success(request, _("De post is verwijderd."))
    return redirect(_page_url(case, f"tijdlijn-{entry.timeline}"))


@require_POST
def propose(request: AuthenticatedRequest, case_id: UUID) -> HttpResponse:
    """‘Voorstel uit het traject’: team time for held conversations not yet counted."""
    access = access_case(request, case_id, to=To.WRITE_EFFECTS)
    case = access.case
    added = propose_team_time(case=case, by=request.user)
    if added:
        messages.success(
            request,
            ngettext(
                "%(n)d post met teamtijd toegevoegd uit de gehouden gesprekken.",
                "%(n)d posten met teamtijd toegevoegd uit de gehouden gesprekken.",
                added,
            )
            % {"n": added},
        )
    else:
        messages.info(request, _("Er zijn geen gehouden gesprekken die nog niet meetellen."))
    return redirect(_page_url(case, "tijdlijn-interventie"))
