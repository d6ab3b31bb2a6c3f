"""The keyed chain over audit rows (docs/decisions/0016 and 0017).

The sequencer (audit/sequencer.py) gives each committed row a `seq` (1, 2, 3, … without
gaps) and stores `key_id`, `prev_hash` (the `row_hash` of seq - 1, GENESIS for seq 1)
and `row_hash` = HMAC-SHA256 under the key named by `key_id` over a canonical JSON
serialisation of the row's fields, its seq, its key id and `prev_hash`. The key lives
outside the database (settings.AUDIT_HMAC_KEYS), so whoever can only write the database
cannot compute a valid `row_hash`: editing a row, or recomputing the chain after an
edit, is detected by `verify_audit`; a removed row leaves a gap in `seq`.

The serialisation is deliberately plain (sorted keys, strings for ids and time in UTC ISO
format) so that it survives a database round trip unchanged on PostgreSQL and SQLite
alike; never change it without a migration that re-chains, or old rows stop verifying.
The database id is not part of it (the data generator writes rows before it knows their
ids); order is protected by `seq` and by each row naming its predecessor's hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

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


def canonical(values: dict[str, Any], *, seq: int, key_id: str, prev_hash: str) -> bytes:
    payload = {name: _text(values.get(name)) for name in HASHED_FIELDS}
    payload["seq"] = seq
    payload["key_id"] = key_id
    payload["prev_hash"] = prev_hash
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def compute_mac(
    values: dict[str, Any], *, key: bytes, seq: int, key_id: str, prev_hash: str
) -> str:
    message = canonical(values, seq=seq, key_id=key_id, prev_hash=prev_hash)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def current_key() -> tuple[str, bytes]:
    """The key new rows are chained with: the first of AUDIT_HMAC_KEYS."""
    kid, key = next(iter(settings.AUDIT_HMAC_KEYS.items()))
    return kid, key


def key_for(key_id: str) -> bytes | None:
    """A configured key by id; None for an id this deployment does not know."""
    key: bytes | None = settings.AUDIT_HMAC_KEYS.get(key_id)
    return key
