"""Two transactions auditing at the same moment must not fork the chain (PostgreSQL:
the head row lock makes the second wait for the first to commit)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.audit.verify import verify_chain

pytestmark = [pytest.mark.security]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time; the race needs PostgreSQL")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    record(actor=None, action=AuditAction.VIEW, code=f"race.{n}.{i}")
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    verdict = verify_chain(chunk_size=7)
    assert verdict.ok and verdict.checked == 40
