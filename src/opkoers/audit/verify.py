"""Checks the audit chain: `manage.py verify_audit` and the privacy officer's console.

`verify_chain()` walks every sequenced row in seq order and checks that seq has no gap,
that the row's key id is configured, that it names its predecessor's MAC and that its
own MAC matches its content under that key; then that the chain reaches the latest
signed checkpoint (outside the database) and passes through it with the same head. So:
an edited row fails its MAC; a recomputed chain fails the MACs (no key) or names a key
this deployment does not have; a deleted row leaves a gap; a truncated tail with the
state moved back ends before the checkpoint, or passes it with another head.
Rows still waiting for the sequencer are counted, and reported when older than
AUDIT_UNSEQUENCED_MAX_SECONDS (the sequencer is down, or someone holds rows back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.audit import checkpoints
from opkoers.audit.chain import GENESIS, HASHED_FIELDS, compute_mac, key_for
from opkoers.audit.models import AuditEvent, AuditSequencerState


class Problem:
    """What verify_chain found; labels for a person, codes for code and tests."""

    NONE = ""
    ROW_ALTERED = "row_altered"
    CHAIN_BROKEN = "chain_broken"
    ROWS_MISSING = "rows_missing"
    UNKNOWN_KEY = "unknown_key"
    TRUNCATED = "truncated"
    CHECKPOINT_MISMATCH = "checkpoint_mismatch"
    CHECKPOINT_INVALID = "checkpoint_invalid"
    STATE_MISMATCH = "state_mismatch"

    LABELS = {
        NONE: _("Geen problemen gevonden"),
        ROW_ALTERED: _("Een auditregel is na het vastleggen gewijzigd"),
        CHAIN_BROKEN: _("De volgorde van de auditregels is verstoord"),
        ROWS_MISSING: _("Er ontbreken auditregels"),
        UNKNOWN_KEY: _("Een auditregel is vastgelegd met een onbekende sleutel"),
        TRUNCATED: _("Auditregels van vóór het laatste controlepunt ontbreken"),
        CHECKPOINT_MISMATCH: _("De auditketen wijkt af van het laatste controlepunt"),
        CHECKPOINT_INVALID: _("Het laatste controlepunt heeft geen geldige handtekening"),
        STATE_MISMATCH: _("Het einde van de auditketen klopt niet met de laatste regel"),
    }


@dataclass
class Verdict:
    """The outcome for `verify_audit` and the privacy officer's console: `problem` is a
    Problem code, `problem_label` the Dutch sentence to show; the checkpoint fields say
    which anchor outside the database the chain was checked against."""

    ok: bool
    checked: int
    broken_id: int | None = None
    broken_seq: int | None = None
    problem: str = Problem.NONE
    checkpoint_seq: int | None = None
    checkpoint_at: datetime | None = None
    checkpoint_head: str = ""
    checkpoint_signature_valid: bool | None = None
    unsequenced: int = 0
    stale_unsequenced: int = 0
    oldest_unsequenced_at: datetime | None = None

    @property
    def problem_label(self) -> str:
        return str(Problem.LABELS.get(self.problem, self.problem))

    @property
    def sequencer_behind(self) -> bool:
        return self.stale_unsequenced > 0


def _fail(verdict: Verdict, problem: str, row: dict | None = None) -> Verdict:
    verdict.ok = False
    verdict.problem = problem
    if row is not None:
        verdict.broken_id, verdict.broken_seq = row["id"], row["seq"]
    return verdict


def verify_chain(*, chunk_size: int = 5000) -> Verdict:
    """Keyset pagination over seq (constant memory, no OFFSET). The end is read first:
    rows sequenced while we walk are not part of this check."""
    # The checkpoint before the state: a checkpoint is published only after the state
    # it names committed, so the state read next is never behind it (honest case).
    checkpoint = checkpoints.latest()
    state = AuditSequencerState.objects.filter(pk=1).first()
    end_seq = state.last_seq if state else 0
    verdict = Verdict(ok=True, checked=0)
    _count_unsequenced(verdict)
    if checkpoint is not None:
        verdict.checkpoint_seq, verdict.checkpoint_at = checkpoint.seq, checkpoint.at
        verdict.checkpoint_head = checkpoint.head
        verdict.checkpoint_signature_valid = checkpoints.signature_valid(checkpoint)
        if not verdict.checkpoint_signature_valid:
            return _fail(verdict, Problem.CHECKPOINT_INVALID)
        end_seq = max(end_seq, checkpoint.seq)
    rows = (
        AuditEvent.objects.filter(seq__isnull=False, seq__lte=end_seq)
        .order_by("seq")
        .values("id", "seq", "key_id", "prev_hash", "row_hash", *HASHED_FIELDS)
    )
    prev, last_seq = GENESIS, 0
    while True:
        chunk = list(rows.filter(seq__gt=last_seq)[:chunk_size])
        if not chunk:
            break
        for row in chunk:
            if row["seq"] != last_seq + 1:
                return _fail(verdict, Problem.ROWS_MISSING, row)
            key = key_for(row["key_id"])
            if key is None:
                return _fail(verdict, Problem.UNKNOWN_KEY, row)
            if row["prev_hash"] != prev:
                return _fail(verdict, Problem.CHAIN_BROKEN, row)
            mac = compute_mac(row, key=key, seq=row["seq"], key_id=row["key_id"], prev_hash=prev)
            if mac != row["row_hash"]:
                return _fail(verdict, Problem.ROW_ALTERED, row)
            if checkpoint is not None and row["seq"] == checkpoint.seq and mac != checkpoint.head:
                return _fail(verdict, Problem.CHECKPOINT_MISMATCH, row)
            prev, last_seq = mac, row["seq"]
            verdict.checked += 1
    if checkpoint is not None and last_seq < checkpoint.seq:
        return _fail(verdict, Problem.TRUNCATED)
    if state is not None and (state.last_seq, state.last_hash) != (last_seq, prev):
        # The tail below the state's end is gone (no checkpoint covered it yet), or the
        # state was moved: either way the database disagrees with itself.
        return _fail(verdict, Problem.STATE_MISMATCH)
    if state is None and last_seq:
        return _fail(verdict, Problem.STATE_MISMATCH)
    return verdict


def _count_unsequenced(verdict: Verdict) -> None:
    waiting = AuditEvent.objects.filter(seq__isnull=True)
    verdict.unsequenced = waiting.count()
    if not verdict.unsequenced:
        return
    verdict.oldest_unsequenced_at = waiting.order_by("id").values_list("at", flat=True).first()
    limit = timezone.now() - timedelta(seconds=settings.AUDIT_UNSEQUENCED_MAX_SECONDS)
    verdict.stale_unsequenced = waiting.filter(at__lt=limit).count()
