"""Reads for the break-glass pages and the case page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opkoers.privacy.models import BreakGlassAccess
from opkoers.privacy.permissions import is_privacy_officer

if TYPE_CHECKING:
    from opkoers.accounts.models import User

QUEUE_LIMIT = 200


@dataclass(frozen=True)
class ReviewPage:
    to_review: list[BreakGlassAccess]
    reviewed: list[BreakGlassAccess]


def _scoped(user: User) -> Any:
    qs = BreakGlassAccess.objects.select_related("user", "case", "case__team", "reviewed_by")
    if not is_privacy_officer(user):
        qs = qs.filter(case__team__memberships__user=user)
    return qs


def review_page(user: User, *, limit: int = QUEUE_LIMIT) -> ReviewPage:
    """Unreviewed uses oldest first (the queue), then the latest reviewed ones. Two
    queries whatever the number of uses or teams."""
    qs = _scoped(user)
    return ReviewPage(
        to_review=list(qs.filter(verdict="").order_by("started_at", "id")[:limit]),
        reviewed=list(qs.exclude(verdict="").order_by("-reviewed_at", "-id")[:limit]),
    )


def uses_for_case(case_id: Any, *, limit: int = 20) -> list[BreakGlassAccess]:
    """For the case's contact person: who used break-glass on this case, and why."""
    return list(
        BreakGlassAccess.objects.filter(case_id=case_id)
        .select_related("user", "user__organisation", "reviewed_by")
        .order_by("-started_at", "-id")[:limit]
    )


def active_for(user: User, case_id: Any) -> BreakGlassAccess | None:
    from django.utils import timezone

    return (
        BreakGlassAccess.objects.filter(user=user, case_id=case_id, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
