"""The only writer of audit rows, and the break-the-glass service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from opkoers.audit.chain import GENESIS, compute_hash
from opkoers.audit.context import client_ip
from opkoers.audit.models import AuditAction, AuditChainHead, AuditEvent

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


def _lock_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # Only on a database whose migration ran before any row existed and the head row
        # was removed by a flush; get_or_create tolerates a concurrent creator.
        head, _created = AuditChainHead.objects.get_or_create(
            pk=1, defaults={"last_id": 0, "last_hash": GENESIS}
        )
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


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
) -> AuditEvent:
    """Write one audit row. Must run inside the caller's transaction so that the row
    exists exactly when the act it describes does. The row is chained to its
    predecessor under a lock on the chain head (see AuditChainHead)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside transaction.atomic")
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
        purpose=purpose[:200],
        ip_address=_normalised_ip(client_ip.get()),
        detail=detail or {},
    )
    head = _lock_head()
    event.prev_hash = head.last_hash
    event.row_hash = compute_hash(event_values(event), head.last_hash)
    event.save(force_insert=True)
    AuditChainHead.objects.filter(pk=1).update(last_id=event.pk, last_hash=event.row_hash)
    return event


def event_values(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "actor_id": event.actor_id,
        "actor_organisation_id": event.actor_organisation_id,
        "actor_role": event.actor_role,
        "action": event.action,
        "code": event.code,
        "case_id": event.case_id,
        "resident_id": event.resident_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "purpose": event.purpose,
        "ip_address": event.ip_address,
        "detail": event.detail,
    }


def record_many(
    *,
    actor: User | None,
    action: AuditAction,
    code: str,
    rows: list[dict[str, Any]],
) -> int:
    """Write one audit row per item in one INSERT, for batch jobs (retention) that act
    on hundreds of cases at once. Each item may carry case_id, resident_id,
    object_type, object_id, purpose and detail. Same transaction rule as `record`; the
    rows are chained in list order under one lock on the chain head."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record_many must be called inside transaction.atomic")
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
            purpose=str(row.get("purpose", ""))[:200],
            ip_address=ip,
            detail=row.get("detail") or {},
        )
        for row in rows
    ]
    head = _lock_head()
    previous = head.last_hash
    for event in events:
        event.prev_hash = previous
        event.row_hash = compute_hash(event_values(event), previous)
        previous = event.row_hash
    # Ids come back from the INSERT (RETURNING on PostgreSQL and SQLite >= 3.35) and
    # increase in list order, which is the order verify_audit walks the chain in.
    AuditEvent.objects.bulk_create(events)
    AuditChainHead.objects.filter(pk=1).update(last_id=events[-1].pk, last_hash=previous)
    return len(events)
