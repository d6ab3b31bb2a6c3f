"""Temporary bridge while the case-access module is wired in (issue 11).

`cases.access` raises its own PersonalDataRestricted; the restricted-view middleware
(consent) still catches consent's. Until the lead's branch teaches the middleware the
new class, the converted apps call `access_case` through here so that an uncovered team
member keeps getting the restricted view. Delete this module at merge time and import
`access_case` from `opkoers.cases.access` directly."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest

from opkoers.cases import access as case_access_module
from opkoers.cases.access import CaseAccess, To
from opkoers.consent.permissions import PersonalDataRestricted as ConsentRestricted


def access_case(
    request: HttpRequest,
    case_id: UUID | str,
    *,
    to: To | str = To.READ,
    audit: str = "",
    detail: dict[str, Any] | None = None,
) -> CaseAccess:
    try:
        return case_access_module.access_case(request, case_id, to=to, audit=audit, detail=detail)
    except case_access_module.PersonalDataRestricted as exc:
        if isinstance(exc, ConsentRestricted):
            raise
        raise ConsentRestricted(exc.case) from exc


def refuse_break_glass_only(request: HttpRequest, access: CaseAccess) -> None:
    """Team-level decisions (a project leader approving a budget or a deviation) have no
    rule in `cases.access.RULES` yet: they read the case (To.READ) and must not stand on
    break-glass alone. Refused and audited as `access_case` does for a write."""
    if access.on_break_glass:
        case_access_module._record_refusal(request, access, To.WRITE)
        raise case_access_module.BreakGlassRefused(access.case)


def require_no_break_glass(access: CaseAccess) -> None:
    """The service-level twin of `refuse_break_glass_only`, under `lock_case`. The
    team-level rules (leads the team, four eyes) stay as they are; what is added is that
    a person whose view of the case rests on break-glass alone is refused."""
    if access.on_break_glass:
        raise case_access_module.BreakGlassRefused(access.case)
