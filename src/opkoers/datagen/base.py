"""Shared by the row makers: the plan decided per case, the vocabulary, and the
helpers for ids and moments."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from opkoers.audit.chain import current_key
from opkoers.audit.models import AuditAction
from opkoers.cases.models import CaseStatus, Channel, StopReason, Urgency
from opkoers.core.models import LifeDomain
from opkoers.datagen.clock import DAY, Clock
from opkoers.datagen.names import (
    FIRST_NAMES,
    LAST_NAMES,
)
from opkoers.datagen.people import Person, TeamPeople
from opkoers.meetings.models import (
    ConversationMode,
)
from opkoers.residents.models import CommunicationNeedKind

S = CaseStatus
STEPS = [S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION, S.PLAN, S.IN_PROGRESS, S.CLOSING, S.CLOSED]
CLOSED = 6
PLAN = 3
IN_PROGRESS = 4
# Days from entering the previous step to entering this one, and days spent so far in
# the step an open case is in.
GAPS = {1: (1, 10), 2: (7, 30), 3: (5, 20), 4: (3, 21), 5: (60, 300), 6: (7, 30)}
DWELL = {0: (0, 14), 1: (0, 30), 2: (0, 20), 3: (0, 21), 4: (14, 240), 5: (0, 30)}
DOMAINS = [d.value for d in LifeDomain]
CHANNELS = [c.value for c in Channel]
URGENCIES = [Urgency.NORMAL.value] * 16 + [Urgency.HIGH.value] * 3 + [Urgency.CRISIS.value]
MODES = [m.value for m in ConversationMode]
NEED_KINDS = [k.value for k in CommunicationNeedKind]
STOP_REASONS = [r.value for r in StopReason]
# (action, code) with weights out of 100, the mix of a team's daily use.
AUDIT_MIX = [
    ((AuditAction.VIEW.value, "case.view"), 55),
    ((AuditAction.VIEW.value, "plan.view"), 15),
    ((AuditAction.UPDATE.value, "plan.action.status"), 8),
    ((AuditAction.CREATE.value, "plan.action.create"), 6),
    ((AuditAction.VIEW.value, "meetings.record.form"), 6),
    ((AuditAction.UPDATE.value, "meetings.followup.outcome"), 4),
    ((AuditAction.SEARCH.value, "case.search"), 3),
    ((AuditAction.TRANSITION.value, "case.transition"), 3),
]
AUDIT_TABLE = [entry for entry, weight in AUDIT_MIX for _ in range(weight)]
IP_POOL = [f"10.{a}.{b}.{c}" for a in (12, 40) for b in range(4) for c in range(1, 126)]
REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
N_FIRST, N_LAST = len(FIRST_NAMES), len(LAST_NAMES)
# The bench user is contact person on this share of team 0's cases: a busy professional
# (the average of 12 is about 8 %), so that the werkvoorraad is a full one.
BENCH_CONTACT_SHARE = 0.25


@dataclass(frozen=True)
class Plan:
    """What is decided for a case before its rows are made (see generate.skeleton)."""

    step: int  # index in STEPS
    stopped_from: int  # closed early from this step, or -1
    actions: int
    audit: int

    @property
    def has_plan(self) -> bool:
        return self.step >= PLAN and self.stopped_from < 0


def reference(i: int, year: str) -> str:
    """Unique per i (an odd multiplier permutes 0..2^30), random-looking like real ones."""
    n = (i * 0x2545F491 + 0x9E3779B) % (1 << 30)
    code = "".join(REF_ALPHABET[(n >> (5 * k)) & 31] for k in range(6))
    return f"OK-{year}-{code}"


class MakerBase:
    def __init__(
        self,
        *,
        rng: random.Random,
        clock: Clock,
        teams: list[TeamPeople],
        bench: Person,
        result_kinds: list[str],
        audit_prev: str,
        audit_seq: int = 0,
    ) -> None:
        self.rng = rng
        self.clock = clock
        self.teams = teams
        self.bench = bench
        self.result_kinds = result_kinds
        self.start_weekday = clock.start.weekday()
        # The keyed audit chain continues from the sequencer's end at the start of
        # generation (no sequencer may run meanwhile: bench/run.py starts none).
        self.audit_prev = audit_prev
        self.audit_seq = audit_seq
        self.audit_key = current_key()

    # --- small helpers --------------------------------------------------------------

    def uid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def at(self, day: int) -> int:
        """A moment during office hours on `day`, never after now."""
        seconds = day * DAY + self.rng.randrange(7 * 3600, 16 * 3600)
        return min(seconds, self.clock.now - 60)

    def slot(self, day: int) -> int:
        """A conversation slot on the quarter hour (may be in the future)."""
        return day * DAY + self.rng.randrange(7 * 4, 16 * 4) * 900

    def working_days_after(self, day: int, n: int) -> int:
        while n:
            day += 1
            if (self.start_weekday + day) % 7 < 5:
                n -= 1
        return day


def _opt(fmt: Any, seconds: int | None) -> str | None:
    return None if seconds is None else fmt(seconds)
