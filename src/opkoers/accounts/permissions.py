"""Who may manage organisations, teams, users and configuration: the functional admin,
and nobody else. The admin pages show no case content."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from opkoers.accounts.models import User


def can_manage_accounts(user: Any) -> bool:
    return isinstance(user, User) and user.is_active and user.is_functional_admin


def functional_admin_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """403 for everyone but a functional admin (anonymous visitors never get here:
    the login middleware sends them to the login page first)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_accounts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
