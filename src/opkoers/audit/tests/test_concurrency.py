"""Concurrent writers and a running sequencer (PostgreSQL: SQLite admits one writer at a
time): no writer waits for another or for the sequencer, and the chain never forks."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.audit.sequencer import _locked_state, sequence_batch, sequence_pending
from opkoers.audit.services import record
from opkoers.audit.verify import verify_chain

pytestmark = [pytest.mark.security]


def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time; the race needs PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_sequencers_keep_one_chain() -> None:
    _needs_postgres()
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    record(
                        actor=None,
                        action=AuditAction.VIEW,
                        code="case.view",
                        detail={"n": n, "i": i},
                    )
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    def sequencer() -> None:
        try:
            barrier.wait()
            while not done.is_set():
                sequence_batch(batch_size=7)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    sequencers = [threading.Thread(target=sequencer) for _ in range(2)]
    for t in writers + sequencers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in sequencers:
        t.join()
    assert not errors
    sequence_pending()
    verdict = verify_chain(chunk_size=7)
    assert verdict.ok and verdict.checked == 40 and verdict.unsequenced == 0
    assert sorted(s or 0 for s in AuditEvent.objects.values_list("seq", flat=True)) == list(
        range(1, 41)
    )


@pytest.mark.django_db(transaction=True)
def test_record_does_not_wait_for_a_sequencer_holding_its_lock() -> None:
    _needs_postgres()
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view")
    assert sequence_pending() == 1  # the state row exists, as after the migration
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.atomic():
            _locked_state(wait=True)
            locked.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(10)
    try:
        started = time.monotonic()
        with transaction.atomic():
            record(actor=None, action=AuditAction.VIEW, code="plan.view")
        assert time.monotonic() - started < 2
        # A second sequencer that must not wait gives up at once.
        assert sequence_batch(wait=False).sequenced == 0
    finally:
        release.set()
        holder.join()
    assert sequence_pending() == 1
    assert verify_chain().ok
