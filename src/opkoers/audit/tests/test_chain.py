"""The hash chain, verify_audit, and the append-only guards (ORM and database)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from opkoers.audit.chain import GENESIS
from opkoers.audit.models import AuditAction, AuditChainHead, AuditEvent
from opkoers.audit.services import record
from opkoers.audit.verify import verify_chain

pytestmark = [pytest.mark.security, pytest.mark.django_db]


def _write(n: int, **kwargs: Any) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            record(actor=None, action=AuditAction.VIEW, code=f"test.{i}", detail={"i": i}, **kwargs)
            for i in range(n)
        ]


def test_rows_are_chained_in_id_order(member: Any, case: Any) -> None:
    rows = _write(3, case=case)
    rows = list(AuditEvent.objects.filter(pk__in=[r.pk for r in rows]).order_by("id"))
    assert len(rows[0].prev_hash) == 64
    assert rows[1].prev_hash == rows[0].row_hash
    assert rows[2].prev_hash == rows[1].row_hash
    assert len({r.row_hash for r in rows}) == 3
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_hash) == (rows[2].pk, rows[2].row_hash)


def test_verify_passes_on_an_intact_chain_in_small_chunks(case: Any) -> None:
    _write(7, case=case)
    verdict = verify_chain(chunk_size=2)
    assert verdict.ok and verdict.checked == AuditEvent.objects.count()
    call_command("verify_audit", "--chunk-size", "3")


def test_verify_on_an_empty_log_is_ok(db: Any) -> None:
    assert verify_chain().ok


def test_forged_row_inserted_with_raw_sql_is_detected(case: Any) -> None:
    _write(3)
    last = AuditEvent.objects.order_by("-id").first()
    assert last is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_role, action, code, object_type, object_id,"
            " purpose, detail, prev_hash, row_hash) VALUES (%s, '', 'view', 'forged', '', '',"
            " '', '{}', %s, %s)",
            [last.at, last.row_hash, "f" * 64],
        )
    _write(1)  # a legitimate row after it chains onto the forged one
    verdict = verify_chain()
    assert not verdict.ok
    forged = AuditEvent.objects.get(code="forged")
    assert verdict.broken_id == forged.pk
    with pytest.raises(CommandError, match=f"row {forged.pk}"):
        call_command("verify_audit")


def _drop_guard() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_append_only ON audit_auditevent")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")


def test_a_changed_row_is_detected(case: Any) -> None:
    rows = _write(4, case=case)
    # Tampering needs the trigger gone: exactly what an attacker with DDL rights would do.
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET purpose = 'verzonnen' WHERE id = %s", [rows[1].pk]
        )
    verdict = verify_chain()
    assert not verdict.ok and verdict.broken_id == rows[1].pk


def test_a_deleted_row_is_detected(case: Any) -> None:
    rows = _write(4, case=case)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    verdict = verify_chain()
    assert not verdict.ok and verdict.broken_id == rows[2].pk


def test_a_deleted_tail_is_detected(case: Any) -> None:
    rows = _write(3, case=case)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [rows[-1].pk])
    assert not verify_chain().ok


def test_orm_update_and_delete_are_refused(case: Any) -> None:
    (row,) = _write(1, case=case)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=row.pk).update(purpose="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=row.pk).delete()
    row.purpose = "x"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET purpose = 'verzonnen' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_raw_sql_update_and_delete_are_blocked_by_the_database(case: Any, sql: str) -> None:
    (row,) = _write(1, case=case)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [row.pk])
    assert AuditEvent.objects.filter(pk=row.pk, purpose="").exists()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused() -> None:
    # Also proves the SQLite trigger lets the test flush empty the table afterwards.
    with pytest.raises(RuntimeError):
        record(actor=None, action=AuditAction.VIEW, code="x")


def test_rolled_back_transaction_leaves_no_row_and_chain_intact(case: Any) -> None:
    _write(2, case=case)
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        record(actor=None, action=AuditAction.UPDATE, code="test.rollback", case=case)
        raise ValueError
    assert AuditEvent.objects.count() == before
    _write(1, case=case)
    assert verify_chain().ok


def test_first_row_chains_from_genesis(db: Any) -> None:
    AuditChainHead.objects.all().delete()  # as after a flush
    (row,) = _write(1)
    assert row.prev_hash == GENESIS
    assert verify_chain().ok
