"""The hash chain over audit rows.

Each row stores `prev_hash` (the `row_hash` of the row before it in id order) and
`row_hash` = SHA-256 over a canonical JSON serialisation of its own fields plus
`prev_hash`. Changing, removing or inserting a row anywhere breaks the chain from that
point on, which `manage.py verify_audit` reports. The serialisation is deliberately
plain (sorted keys, strings for ids and time in UTC ISO format) so that it survives a
database round trip unchanged on PostgreSQL and SQLite alike; never change it without
a migration that re-chains, or old rows stop verifying.

The database id is not part of the hash: it is assigned by the INSERT, after the hash
is computed. Order is still protected, because each row names its predecessor's hash.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_organisation_id",
    "actor_role",
    "action",
    "code",
    "case_id",
    "resident_id",
    "object_type",
    "object_id",
    "purpose",
    "ip_address",
    "detail",
)


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (dict, list, bool)):
        return value
    return str(value)


def canonical(values: dict[str, Any], prev_hash: str) -> bytes:
    payload = {name: _text(values.get(name)) for name in HASHED_FIELDS}
    payload["prev_hash"] = prev_hash
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def compute_hash(values: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(values, prev_hash)).hexdigest()
