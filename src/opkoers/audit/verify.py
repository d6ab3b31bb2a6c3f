"""Walks the audit chain; used by `manage.py verify_audit`."""

from __future__ import annotations

from dataclasses import dataclass

from opkoers.audit.chain import GENESIS, HASHED_FIELDS, compute_hash
from opkoers.audit.models import AuditChainHead, AuditEvent


@dataclass
class Verdict:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""


def verify_chain(*, chunk_size: int = 5000) -> Verdict:
    """Checks every row in id order with keyset pagination (constant memory, no OFFSET).

    The head is read first: rows appended while we walk are not part of this check, and
    the last row we reach must be the one the head names, so a removed tail shows too."""
    head = AuditChainHead.objects.filter(pk=1).first()
    end_id = head.last_id if head else None
    prev, last_id, checked = GENESIS, 0, 0
    rows = AuditEvent.objects.order_by("id").values("id", "prev_hash", "row_hash", *HASHED_FIELDS)
    if end_id is not None:
        rows = rows.filter(id__lte=end_id)
    while True:
        chunk = list(rows.filter(id__gt=last_id)[:chunk_size])
        if not chunk:
            break
        for row in chunk:
            if row["prev_hash"] != prev:
                return Verdict(False, checked, row["id"], "prev_hash does not match previous row")
            if compute_hash(row, prev) != row["row_hash"]:
                return Verdict(False, checked, row["id"], "row_hash does not match row content")
            prev, last_id = row["row_hash"], row["id"]
            checked += 1
    if head is not None and (head.last_id != last_id or head.last_hash != prev):
        return Verdict(False, checked, last_id or None, "chain head does not match last row")
    if head is None and checked:
        return Verdict(False, checked, None, "chain head is missing")
    return Verdict(True, checked)
