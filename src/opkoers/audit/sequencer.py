"""The sequencer: gives committed audit rows their place in the keyed chain.

record() INSERTs a row with `seq` NULL in the caller's transaction and returns: no lock,
no hot row (decision 0016). This module, run by `manage.py audit_sequencer --loop` in
its own process, takes the waiting rows in id order in batches and, under a lock only
it takes (SELECT ... FOR UPDATE on AuditSequencerState), assigns seq = last_seq + 1, …
and the HMAC chain over seq order (audit/chain.py). A row whose transaction commits
late simply gets a later seq than rows with higher ids: its place in the chain is the
order in which the log saw it committed, as in Certificate Transparency's queue →
sequencer → signed tree head. After a batch, at most every AUDIT_CHECKPOINT_SECONDS, it
publishes a signed checkpoint outside the database (audit/checkpoints.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from opkoers.audit import checkpoints
from opkoers.audit.chain import GENESIS, HASHED_FIELDS, compute_mac, current_key
from opkoers.audit.models import AuditEvent, AuditSequencerState

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000


@dataclass
class Batch:
    sequenced: int
    last_seq: int


def _locked_state(*, wait: bool) -> AuditSequencerState | None:
    """The sequencer's row, locked until the batch commits; None when another sequencer
    holds it and `wait` is False (PostgreSQL NOWAIT; SQLite serialises writers itself)."""
    AuditSequencerState.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
    query = AuditSequencerState.objects.filter(pk=1)
    if connection.features.has_select_for_update_nowait and not wait:
        try:
            with transaction.atomic():
                return query.select_for_update(nowait=True).get()
        except DatabaseError:
            return None
    return query.select_for_update().get()


def sequence_batch(*, batch_size: int = BATCH_SIZE, wait: bool = True) -> Batch:
    """Chain up to `batch_size` waiting rows in one transaction."""
    with transaction.atomic():
        state = _locked_state(wait=wait)
        if state is None:
            return Batch(0, -1)
        rows = list(
            AuditEvent.objects.filter(seq__isnull=True)
            .order_by("id")
            .values("id", *HASHED_FIELDS)[:batch_size]
        )
        if not rows:
            return Batch(0, state.last_seq)
        key_id, key = current_key()
        seq, prev = state.last_seq, state.last_hash
        updates = []
        for row in rows:
            seq += 1
            mac = compute_mac(row, key=key, seq=seq, key_id=key_id, prev_hash=prev)
            updates.append((seq, key_id, prev, mac, row["id"]))
            prev = mac
        with connection.cursor() as cursor:
            # Raw SQL: the ORM's update() is refused on audit rows; the database guard
            # admits exactly this change (audit/guard.py).
            cursor.executemany(
                f"UPDATE {AuditEvent._meta.db_table} "  # noqa: S608 - table name from the model
                "SET seq = %s, key_id = %s, prev_hash = %s, row_hash = %s "
                "WHERE id = %s AND seq IS NULL",
                updates,
            )
        AuditSequencerState.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)
    return Batch(len(rows), seq)


def checkpoint(*, force: bool = False) -> checkpoints.Checkpoint | None:
    """Publish a signed checkpoint of the committed chain end when one is due (new rows
    since the last one, and AUDIT_CHECKPOINT_SECONDS passed) or when forced.

    Published after the chain end committed and before the state records it: a crash in
    between publishes the same checkpoint twice, never one the database does not hold."""
    state = AuditSequencerState.objects.filter(pk=1).first()
    if state is None or state.last_seq == 0:
        return None
    now = timezone.now()
    due = state.checkpoint_seq < state.last_seq and (
        state.checkpoint_at is None
        or now - state.checkpoint_at >= timedelta(seconds=settings.AUDIT_CHECKPOINT_SECONDS)
    )
    if not (force or due):
        return None
    key_id, _key = current_key()
    signed = checkpoints.sign(
        checkpoints.Checkpoint(seq=state.last_seq, head=state.last_hash, key_id=key_id, at=now)
    )
    checkpoints.publish(signed)
    AuditSequencerState.objects.filter(pk=1).update(
        checkpoint_seq=signed.seq, checkpoint_at=signed.at
    )
    return signed


def sequence_pending(*, batch_size: int = BATCH_SIZE, force_checkpoint: bool = False) -> int:
    """Chain every row waiting now, then checkpoint if due. Returns rows chained."""
    total = 0
    while True:
        batch = sequence_batch(batch_size=batch_size)
        total += batch.sequenced
        if batch.sequenced < batch_size:
            break
    checkpoint(force=force_checkpoint)
    return total


def run_forever(*, interval: float = 1.0, batch_size: int = BATCH_SIZE) -> None:  # pragma: no cover
    """The production loop (manage.py audit_sequencer --loop): a batch whenever rows
    wait, otherwise a short sleep. A database hiccup is logged and retried."""
    while True:
        try:
            batch = sequence_batch(batch_size=batch_size)
            checkpoint()
        except DatabaseError:
            logger.exception("audit sequencer: batch failed, retrying")
            connection.close()
            time.sleep(interval)
            continue
        if batch.sequenced < batch_size:
            time.sleep(interval)
