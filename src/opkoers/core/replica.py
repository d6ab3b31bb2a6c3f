"""Which reads may come from the PostgreSQL streaming replica (docs/decisions/0027).

Not a blanket read router: a replica lags, and a page that shows what was just saved
must read the primary. Only code wrapped in `reads_from_replica()` reads there (the
factsheet, its exports and the effects aggregate), and only when

- a `replica` alias is configured (DATABASE_REPLICA_URL),
- the primary is not inside a transaction (a transaction must see its own writes, and
  its reads must come from one snapshot; this also keeps the audit write path, which
  runs in `transaction.atomic()`, entirely on default), and
- the replica answers and lags at most DATABASE_REPLICA_MAX_LAG_SECONDS.

Otherwise the read goes to default, as without a replica. Writes always go to default.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"

logger = logging.getLogger(__name__)

# A ContextVar, not a thread-local: correct under threads and under async views alike.
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)

# Caught up when all received WAL is replayed; otherwise the age of the last replayed
# transaction. A server that is not a standby (a test mirror) has no lag.
LAG_SQL = """
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag_seconds() -> float:
    """Seconds the replica is behind; raises DatabaseError when it does not answer."""
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        row = cursor.fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def _replica_usable() -> bool:
    if not replica_configured() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    limit = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
    try:
        lag = replica_lag_seconds() if limit > 0 else 0.0
    except DatabaseError:
        # A replica that is down must not take the reports down with it.
        logger.warning("Read replica does not answer; reading from default", exc_info=True)
        return False
    if lag > limit:
        logger.warning("Read replica lags %.1f s (> %d s); reading from default", lag, limit)
        return False
    return True


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Reads inside this block may come from the replica. Use it only around reads that
    may be a few seconds old (aggregates), never on a page that shows its own write."""
    token = _replica_reads.set(_replica_usable())
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Reads go to the replica only inside `reads_from_replica()`; writes never do."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if _replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        # Explicitly default, also for an object that was read from the replica:
        # Django would otherwise follow its relations back to where it came from.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # One database, two views of it: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The standby gets its schema from the primary's WAL.
        return db == DEFAULT_DB_ALIAS
