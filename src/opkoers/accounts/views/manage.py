from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from opkoers.accounts.permissions import functional_admin_required
from opkoers.core.http import AuthenticatedRequest


@functional_admin_required
def manage(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/manage.html")
