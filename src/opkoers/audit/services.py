"""The only writer of audit rows, and the break-the-glass service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from opkoers.audit.codes import is_known
from opkoers.audit.context import client_ip
from opkoers.audit.models import AuditAction, AuditEvent, AuditListing

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def _normalised_ip(ip: str | None) -> str | None:
    # PostgreSQL's inet type prints IPv6 in compressed form; hash what will come back.
    if ip and ":" in ip:
        try:
            return clean_ipv6_address(ip)
        except ValidationError:
            return None
    return ip or None


def _check(code: str, what: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"audit.{what} must be called inside transaction.atomic")
    if not is_known(code):
        raise ValueError(f"unknown audit code {code!r}: add it to audit/codes.py with a label")


PURPOSE_MAX = 200


def _checked_purpose(purpose: str) -> str:
    """Purposes are short fixed phrases (access.Purpose and a few like it). One that does
    not fit is a programming error: refused loudly, never cut short in the log."""
    purpose = str(purpose)
    if len(purpose) > PURPOSE_MAX:
        raise ValueError(f"audit purpose longer than {PURPOSE_MAX} characters")
    return purpose


def record(
    *,
    actor: User | None,
    action: AuditAction,
    code: str,
    case: Any = None,
    resident: Any = None,
    obj: models.Model | None = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
    listed: list[tuple[Any, Any]] | None = None,
) -> AuditEvent:
    """Write one audit row. Must run inside the caller's transaction so that the row
    exists exactly when the act it describes does (decision 0015). It is a plain INSERT
    that waits for no one: the sequencer (audit/sequencer.py) gives the row its place in
    the keyed chain after it commits (decision 0016). `code` must be in audit/codes.py.

    `listed`: the (case id, resident id) pairs a list, search or export showed; each
    becomes an AuditListing row for the residents' overviews, in the same INSERT batch."""
    _check(code, "record")
    if case is not None and resident is None:
        resident_id = case.resident_id
    else:
        resident_id = getattr(resident, "pk", None)
    event = AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_organisation_id=getattr(actor, "organisation_id", None),
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        code=code,
        case_id=getattr(case, "pk", None),
        resident_id=resident_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        purpose=_checked_purpose(purpose),
        ip_address=_normalised_ip(client_ip.get()),
        detail=detail or {},
    )
    if settings.AUDIT_BENCH_OFF:
        return event  # the benchmark's unaudited baseline; refused in production
    event.save(force_insert=True)
    if listed:
        AuditListing.objects.bulk_create(
            [AuditListing(event=event, case_id=c, resident_id=r) for c, r in listed]
        )
    return event


def record_many(
    *,
    actor: User | None,
    action: AuditAction,
    code: str,
    rows: list[dict[str, Any]],
) -> int:
    """Write one audit row per item in one INSERT, for batch jobs (retention) that act
    on hundreds of cases at once. Each item may carry case_id, resident_id,
    object_type, object_id, purpose and detail. Same transaction and code rules as
    `record`; the sequencer chains the rows in id order, which is list order."""
    _check(code, "record_many")
    if not rows:
        return 0
    now = timezone.now()
    ip = _normalised_ip(client_ip.get())
    events = [
        AuditEvent(
            at=now,
            actor=actor,
            actor_organisation_id=getattr(actor, "organisation_id", None),
            actor_role=getattr(actor, "role", "") or "",
            action=action,
            code=code,
            case_id=row.get("case_id"),
            resident_id=row.get("resident_id"),
            object_type=row.get("object_type", ""),
            object_id=str(row.get("object_id", "")),
            purpose=_checked_purpose(str(row.get("purpose", ""))),
            ip_address=ip,
            detail=row.get("detail") or {},
        )
        for row in rows
    ]
    if settings.AUDIT_BENCH_OFF:
        return len(events)
    AuditEvent.objects.bulk_create(events)
    return len(events)
