"""verify_audit against a database administrator: someone who can run any SQL (drop the
append-only trigger, tamper, put it back) but holds neither the HMAC key nor the
checkpoint signing key, and cannot rewrite the checkpoint directory. Each kind of
tampering must be detected, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from opkoers.audit.chain import GENESIS, HASHED_FIELDS, compute_mac, current_key
from opkoers.audit.guard import _statements
from opkoers.audit.models import AuditAction, AuditEvent, AuditSequencerState
from opkoers.audit.sequencer import sequence_pending
from opkoers.audit.services import record
from opkoers.audit.verify import Problem, verify_chain

pytestmark = [pytest.mark.security, pytest.mark.django_db]

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def chained(case: Any) -> list[dict[str, Any]]:
    """Eight sequenced rows, the first six under a signed checkpoint."""
    with transaction.atomic():
        for i in range(6):
            record(
                actor=None, action=AuditAction.VIEW, code="case.view", case=case, detail={"i": i}
            )
    sequence_pending(force_checkpoint=True)
    with transaction.atomic():
        for _ in range(2):
            record(actor=None, action=AuditAction.UPDATE, code="plan.goal.update", case=case)
    sequence_pending()  # no checkpoint yet over the last two
    assert verify_chain().ok
    return list(AuditEvent.objects.order_by("seq").values("id", "seq", *HASHED_FIELDS))


@contextmanager
def as_dba() -> Iterator[Any]:
    """Drop the append-only trigger, tamper, and put the trigger back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER audit_append_only ON {TABLE}")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
        yield cursor
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def _rechain(cursor: Any, *, from_seq: int, key_id: str, key: bytes) -> None:
    """Recompute prev_hash and row_hash from `from_seq` on, as a DBA who wants the chain
    to look consistent again would, and move the sequencer state along."""
    rows = list(AuditEvent.objects.order_by("seq").values("id", "seq", "row_hash", *HASHED_FIELDS))
    prev = GENESIS
    for row in rows:
        if row["seq"] >= from_seq:
            mac = compute_mac(row, key=key, seq=row["seq"], key_id=key_id, prev_hash=prev)
            cursor.execute(
                f"UPDATE {TABLE} SET key_id = %s, prev_hash = %s, row_hash = %s WHERE id = %s",  # noqa: S608
                [key_id, prev, mac, row["id"]],
            )
            prev = mac
        else:
            prev = row["row_hash"]
    cursor.execute(
        "UPDATE audit_auditsequencerstate SET last_seq = %s, last_hash = %s WHERE id = 1",
        [rows[-1]["seq"] if rows else 0, prev],
    )


def _assert_detected(problem: str, *, seq: int | None = None) -> None:
    verdict = verify_chain()
    assert not verdict.ok
    assert verdict.problem == problem
    assert verdict.problem_label and verdict.problem_label != problem
    if seq is not None:
        assert verdict.broken_seq == seq
    with pytest.raises(CommandError, match=problem):
        call_command("verify_audit")


def test_an_edited_row_is_detected(chained: list[dict[str, Any]]) -> None:
    with as_dba() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET purpose = 'verzonnen' WHERE seq = 3")  # noqa: S608
    _assert_detected(Problem.ROW_ALTERED, seq=3)


def test_an_edited_and_rechained_log_without_the_key_is_detected(
    chained: list[dict[str, Any]],
) -> None:
    """The DBA recomputes every MAC after the edit, but has to guess the key."""
    key_id, _key = current_key()
    with as_dba() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET purpose = 'verzonnen' WHERE seq = 3")  # noqa: S608
        _rechain(cursor, from_seq=3, key_id=key_id, key=b"guessed-key-guessed-key-guessed!")
    _assert_detected(Problem.ROW_ALTERED, seq=3)


def test_a_log_rechained_under_a_key_id_that_is_not_configured_is_detected(
    chained: list[dict[str, Any]],
) -> None:
    with as_dba() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET actor_role = 'beleid' WHERE seq = 2")  # noqa: S608
        _rechain(cursor, from_seq=1, key_id="dba1", key=b"the-dba-s-own-key-of-32-bytes!!!")
    _assert_detected(Problem.UNKNOWN_KEY, seq=1)


def test_a_deleted_row_is_detected(chained: list[dict[str, Any]]) -> None:
    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 4")  # noqa: S608
    _assert_detected(Problem.ROWS_MISSING, seq=5)


def test_a_deleted_row_with_seqs_closed_up_is_detected(chained: list[dict[str, Any]]) -> None:
    """Close the gap by renumbering: the MACs cover seq and prev_hash."""
    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 4")  # noqa: S608
        for seq in range(5, 9):
            cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [seq - 1, seq])  # noqa: S608
    _assert_detected(Problem.CHAIN_BROKEN, seq=4)


def test_a_deleted_tail_is_detected_even_without_a_checkpoint_over_it(
    chained: list[dict[str, Any]],
) -> None:
    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 8")  # noqa: S608
    _assert_detected(Problem.STATE_MISMATCH)


def test_truncate_and_rewind_is_detected_by_the_checkpoint(
    chained: list[dict[str, Any]],
) -> None:
    """Remove the last rows and move the sequencer's state back to the new end: the
    database agrees with itself again, but the signed checkpoint outside it does not."""
    fourth = AuditEvent.objects.get(seq=4)
    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > 4")  # noqa: S608
        cursor.execute(
            "UPDATE audit_auditsequencerstate SET last_seq = 4, last_hash = %s WHERE id = 1",
            [fourth.row_hash],
        )
    _assert_detected(Problem.TRUNCATED)


def test_truncate_rewind_and_refill_to_the_checkpoint_is_detected(
    chained: list[dict[str, Any]], case: Any
) -> None:
    """Rewind to seq 4 and let the sequencer chain new rows up to and past the
    checkpoint's seq: the head at the checkpoint's seq differs."""
    fourth = AuditEvent.objects.get(seq=4)
    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > 4")  # noqa: S608
        cursor.execute(
            "UPDATE audit_auditsequencerstate SET last_seq = 4, last_hash = %s WHERE id = 1",
            [fourth.row_hash],
        )
    with transaction.atomic():
        for _ in range(4):
            record(actor=None, action=AuditAction.VIEW, code="plan.view", case=case)
    sequence_pending()
    _assert_detected(Problem.CHECKPOINT_MISMATCH, seq=6)


def test_a_forged_sequenced_row_is_detected(chained: list[dict[str, Any]]) -> None:
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None and last.seq is not None
    with as_dba() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (at, actor_role, action, code, object_type, object_id,"  # noqa: S608
            " purpose, detail, seq, key_id, prev_hash, row_hash) VALUES (%s, '', 'view',"
            " 'case.view', '', '', '', '{}', %s, %s, %s, %s)",
            [last.at, last.seq + 1, last.key_id, last.row_hash, "f" * 64],
        )
        cursor.execute("UPDATE audit_auditsequencerstate SET last_seq = last_seq + 1 WHERE id = 1")
    _assert_detected(Problem.ROW_ALTERED, seq=9)


def test_a_forged_checkpoint_is_detected(chained: list[dict[str, Any]], settings: Any) -> None:
    path = next(settings.AUDIT_CHECKPOINT_DIR.glob("checkpoints-*.jsonl"))
    line = path.read_text().splitlines()[-1].replace('"seq":6', '"seq":2')
    with path.open("a") as handle:
        handle.write(line + "\n")
    # A higher seq wins in latest(); make the forged one the furthest.
    forged = line.replace('"seq":2', '"seq":99')
    with path.open("a") as handle:
        handle.write(forged + "\n")
    _assert_detected(Problem.CHECKPOINT_INVALID)


def test_the_state_row_cannot_be_moved_back_unnoticed(chained: list[dict[str, Any]]) -> None:
    AuditSequencerState.objects.filter(pk=1).update(last_seq=5)
    assert verify_chain().problem == Problem.STATE_MISMATCH
