"""record() and the sequencer: the keyed chain, verify_audit, and the append-only guards
(ORM and database). Tampering as a database administrator would do it: test_tamper.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from opkoers.audit import checkpoints
from opkoers.audit.chain import GENESIS, compute_mac, current_key
from opkoers.audit.models import AuditAction, AuditEvent, AuditSequencerState
from opkoers.audit.sequencer import checkpoint, sequence_batch, sequence_pending
from opkoers.audit.services import record, record_many
from opkoers.audit.verify import Problem, verify_chain

pytestmark = [pytest.mark.security, pytest.mark.django_db]

CODES = ["case.view", "plan.view", "case.search", "plan.goal.update", "consent.view"]


def _write(n: int, **kwargs: Any) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            record(
                actor=None,
                action=AuditAction.VIEW,
                code=CODES[i % len(CODES)],
                detail={"i": i},
                **kwargs,
            )
            for i in range(n)
        ]


def test_record_inserts_one_row_and_touches_nothing_else(case: Any) -> None:
    """No chain head on the request path: the audited act pays for one INSERT."""
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        event = record(actor=None, action=AuditAction.VIEW, code="case.view", case=case)
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1 and statements[0].startswith("INSERT")
    row = AuditEvent.objects.get(pk=event.pk)
    assert row.seq is None and row.row_hash == "" and row.case_id == case.pk


def test_sequencer_chains_rows_in_id_order_with_the_current_key(case: Any) -> None:
    rows = _write(3, case=case)
    assert sequence_pending() == 3
    rows = list(AuditEvent.objects.filter(pk__in=[r.pk for r in rows]).order_by("id"))
    key_id, _key = current_key()
    assert [r.seq for r in rows] == [1, 2, 3]
    assert {r.key_id for r in rows} == {key_id}
    assert rows[0].prev_hash == GENESIS
    assert rows[1].prev_hash == rows[0].row_hash and rows[2].prev_hash == rows[1].row_hash
    assert len({r.row_hash for r in rows}) == 3
    state = AuditSequencerState.objects.get()
    assert (state.last_seq, state.last_hash) == (3, rows[2].row_hash)


def test_the_mac_depends_on_the_key(case: Any) -> None:
    (row,) = _write(1, case=case)
    sequence_pending()
    stored = AuditEvent.objects.values().get(pk=row.pk)
    _kid, key = current_key()
    args = {"seq": stored["seq"], "key_id": stored["key_id"], "prev_hash": GENESIS}
    assert compute_mac(stored, key=key, **args) == stored["row_hash"]
    assert compute_mac(stored, key=b"x" * 32, **args) != stored["row_hash"]


def test_a_late_committer_gets_a_later_seq(case: Any) -> None:
    """Rows are chained in the order the sequencer sees them committed; a row with a
    lower id that arrives after a batch simply follows it."""
    first = _write(2, case=case)
    sequence_pending()
    later = _write(1, case=case)
    sequence_pending()
    seqs = {pk: seq or 0 for pk, seq in AuditEvent.objects.values_list("id", "seq")}
    assert seqs[later[0].pk] == max(seqs[r.pk] for r in first) + 1
    assert verify_chain().ok


def test_batches_are_bounded_and_continue(case: Any) -> None:
    _write(5, case=case)
    batch = sequence_batch(batch_size=2)
    assert (batch.sequenced, batch.last_seq) == (2, 2)
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 3
    assert sequence_pending(batch_size=2) == 3
    verdict = verify_chain(chunk_size=2)
    assert verdict.ok and verdict.checked == 5 and verdict.unsequenced == 0


def test_record_many_rows_are_chained_in_list_order(case: Any) -> None:
    with transaction.atomic():
        n = record_many(
            actor=None,
            action=AuditAction.VIEW,
            code="case.list",
            rows=[{"case_id": case.pk, "detail": {"i": i}} for i in range(4)],
        )
    assert n == 4
    sequence_pending()
    details = list(AuditEvent.objects.order_by("seq").values_list("detail", flat=True))
    assert details == [{"i": i} for i in range(4)]
    assert verify_chain().ok


def test_verify_passes_on_an_intact_chain_in_small_chunks(case: Any) -> None:
    _write(7, case=case)
    sequence_pending(force_checkpoint=True)
    verdict = verify_chain(chunk_size=2)
    assert verdict.ok and verdict.checked == AuditEvent.objects.count()
    assert verdict.checkpoint_seq == 7 and verdict.checkpoint_at is not None
    assert verdict.problem == Problem.NONE and verdict.problem_label
    call_command("verify_audit", "--chunk-size", "3")


def test_verify_on_an_empty_log_is_ok(db: Any) -> None:
    verdict = verify_chain()
    assert verdict.ok and verdict.checked == 0 and verdict.checkpoint_seq is None


def test_unsequenced_rows_are_counted_and_reported_when_old(case: Any, settings: Any) -> None:
    _write(2, case=case)
    verdict = verify_chain()
    assert verdict.ok and verdict.unsequenced == 2 and verdict.stale_unsequenced == 0
    settings.AUDIT_UNSEQUENCED_MAX_SECONDS = -60  # every waiting row counts as old
    verdict = verify_chain()
    assert verdict.stale_unsequenced == 2 and verdict.sequencer_behind
    with pytest.raises(CommandError, match="sequencer"):
        call_command("verify_audit")


def test_checkpoints_are_published_when_due_signed_and_appended(case: Any, settings: Any) -> None:
    _write(2, case=case)
    sequence_pending()  # the first checkpoint is due at once
    first = checkpoints.latest()
    assert first is not None and first.seq == 2 and checkpoints.signature_valid(first)
    _write(1, case=case)
    sequence_pending()  # not due yet: AUDIT_CHECKPOINT_SECONDS have not passed
    latest = checkpoints.latest()
    assert latest is not None and latest.seq == 2
    AuditSequencerState.objects.filter(pk=1).update(
        checkpoint_at=first.at - timedelta(seconds=settings.AUDIT_CHECKPOINT_SECONDS)
    )
    assert checkpoint() is not None
    latest = checkpoints.latest()
    assert latest is not None and latest.seq == 3
    lines = [
        line
        for path in settings.AUDIT_CHECKPOINT_DIR.glob("checkpoints-*.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert len(lines) == 2  # appended, the first one kept
    assert checkpoint() is None  # nothing new: nothing published


def test_a_second_sequencer_does_not_wait_when_asked_not_to(case: Any) -> None:
    _write(1, case=case)
    with transaction.atomic():
        assert sequence_batch(wait=False).sequenced == 1


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
        # The sequencing exception admits a seq only together with unchanged content.
        "UPDATE audit_auditevent SET seq = 99, purpose = 'verzonnen' WHERE id = %s",
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
    assert AuditEvent.objects.filter(pk=row.pk, purpose="", seq__isnull=True).exists()


def test_a_sequenced_row_cannot_be_sequenced_again(case: Any) -> None:
    (row,) = _write(1, case=case)
    sequence_pending()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditevent SET seq = 7, row_hash = 'f' WHERE id = %s", [row.pk]
        )


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused() -> None:
    # Also proves the SQLite trigger lets the test flush empty the table afterwards.
    with pytest.raises(RuntimeError):
        record(actor=None, action=AuditAction.VIEW, code="case.view")


def test_an_unknown_code_is_refused(case: Any) -> None:
    with pytest.raises(ValueError, match=r"audit/codes\.py"), transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.viewed", case=case)
    with pytest.raises(ValueError), transaction.atomic():
        record_many(actor=None, action=AuditAction.VIEW, code="nope", rows=[{}])
    assert not AuditEvent.objects.exists()


def test_a_purpose_is_stored_whole_or_refused(case: Any) -> None:
    """No silent truncation: a purpose of 200 characters is kept as it is, a longer one
    is a programming error and writes nothing."""
    whole = "d" * 200
    with transaction.atomic():
        record(actor=None, action=AuditAction.VIEW, code="case.view", case=case, purpose=whole)
    assert AuditEvent.objects.get().purpose == whole
    with pytest.raises(ValueError, match="purpose"), transaction.atomic():
        record(
            actor=None, action=AuditAction.VIEW, code="case.view", case=case, purpose=whole + "x"
        )
    with pytest.raises(ValueError, match="purpose"), transaction.atomic():
        record_many(
            actor=None, action=AuditAction.VIEW, code="case.view", rows=[{"purpose": whole + "x"}]
        )
    assert AuditEvent.objects.count() == 1


def test_rolled_back_transaction_leaves_no_row_and_chain_intact(case: Any) -> None:
    _write(2, case=case)
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        record(actor=None, action=AuditAction.UPDATE, code="plan.goal.update", case=case)
        raise ValueError
    assert AuditEvent.objects.count() == before
    _write(1, case=case)
    sequence_pending()
    assert verify_chain().ok


def test_first_row_chains_from_genesis_after_a_flush(db: Any) -> None:
    AuditSequencerState.objects.all().delete()  # as after a flush
    (row,) = _write(1)
    sequence_pending()
    row = AuditEvent.objects.get(pk=row.pk)
    assert (row.seq, row.prev_hash) == (1, GENESIS)
    assert verify_chain().ok


def test_sequencer_command_chains_and_checkpoints(case: Any) -> None:
    _write(3, case=case)
    call_command("audit_sequencer", "--once", "--checkpoint")
    latest = checkpoints.latest()
    assert latest is not None and latest.seq == 3
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()
