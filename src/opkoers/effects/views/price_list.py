"""The price list: everyone reads it, the functional admin keeps it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opkoers.core.forms import add_service_errors
from opkoers.core.http import AuthenticatedRequest
from opkoers.core.submissions import once
from opkoers.effects.forms import PriceItemForm
from opkoers.effects.models import PriceItem
from opkoers.effects.permissions import can_manage_price_list
from opkoers.effects.selectors import price_list
from opkoers.effects.services.price_list import (
    PriceItemInput,
    create_price_item,
    update_price_item,
)


def _require_admin(request: AuthenticatedRequest) -> None:
    if not can_manage_price_list(request.user):
        raise PermissionDenied


def _input(form: PriceItemForm) -> PriceItemInput:
    data = form.cleaned_data
    return PriceItemInput(
        name=data["name"],
        unit=data["unit"],
        price=data["price"],
        payer=data["payer"],
        source=data["source"],
        source_url=data["source_url"],
        year=data["year"],
        explanation=data["explanation"],
        active=data["active"],
    )


@require_safe
def price_list_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "effects/price_list.html",
        {"items": price_list(), "can_manage": can_manage_price_list(request.user)},
    )


def price_item_add(request: AuthenticatedRequest) -> HttpResponse:
    _require_admin(request)
    if request.method != "POST":
        form = PriceItemForm(initial={"active": True})
        return render(request, "effects/price_item_form.html", {"form": form})
    form = PriceItemForm(request.POST)
    if form.is_valid():
        try:
            with once(request) as guard:
                if not guard.already_done:
                    item = create_price_item(by=request.user, data=_input(form))
                    guard.result_url = reverse("effects:price_list") + f"#prijs-{item.pk}"
                    messages.success(request, _("%(name)s is toegevoegd.") % {"name": item.name})
            return redirect(guard.result_url or reverse("effects:price_list"))
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "effects/price_item_form.html", {"form": form}, status=422)


def price_item_edit(request: AuthenticatedRequest, item_id: UUID) -> HttpResponse:
    _require_admin(request)
    item = get_object_or_404(PriceItem, pk=item_id)
    if request.method != "POST":
        form = PriceItemForm(instance=item)
        return render(request, "effects/price_item_form.html", {"form": form, "item": item})
    # An unbound copy as instance: a failed save must not leave typed values on `item`.
    form = PriceItemForm(request.POST, instance=PriceItem(pk=item.pk))
    if form.is_valid():
        try:
            update_price_item(by=request.user, item=item, data=_input(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is gewijzigd.") % {"name": form.cleaned_data["name"]}
            )
            return redirect(reverse("effects:price_list") + f"#prijs-{item.pk}")
    return render(request, "effects/price_item_form.html", {"form": form, "item": item}, status=422)
