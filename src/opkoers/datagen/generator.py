"""Fictional data at national scale, for benchmarks (`manage.py generate_data`).

Everything is invented (see names.py). Cases and everything hanging off them are made as
plain tuples and written per chunk with COPY on PostgreSQL and executemany on SQLite (see
tables.py); the few thousand teams and users go through the ORM. The generator writes
audit rows directly, bypassing `audit.services.record`: it simulates history, it does
not perform acts. The same seed gives the same data set (relative to the moment of
generation: the werkvoorraad must have work today)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from opkoers.accounts.models import User
from opkoers.audit.chain import GENESIS
from opkoers.audit.models import AuditSequencerState
from opkoers.cases.models import ResultKind
from opkoers.datagen.clock import Clock
from opkoers.datagen.people import (
    BENCH_PASSWORD,
    BENCH_USERNAME,
    CASES_PER_TEAM,
    PROFESSIONALS_PER_TEAM,
    create_people,
)
from opkoers.datagen.policies import create_team_settings, price_rows, shared_rules
from opkoers.datagen.rows import CLOSED, PLAN, CaseMaker, Plan
from opkoers.datagen.schema import build_tables
from opkoers.datagen.sinks import DirectSink, ThreadedSink
from opkoers.datagen.tables import DeferredIndexes, Writer

__all__ = [
    "BENCH_PASSWORD",
    "BENCH_USERNAME",
    "CASES_PER_TEAM",
    "PROFESSIONALS_PER_TEAM",
    "Result",
    "Size",
    "generate",
    "signature",
]

# Share of cases per step (registered … closed), roughly a team's steady state.
STEP_WEIGHTS = [4, 5, 5, 8, 38, 5, 35]
STOPPED_EARLY = 0.15  # of the closed cases: stopped before there was a plan
# Relative weight of a case's share of actions and audit rows, by step.
ACTION_WEIGHT = {PLAN: 0.4, 4: 1.0, 5: 1.2, CLOSED: 1.2}
AUDIT_WEIGHT = [0.2, 0.4, 0.6, 0.8, 1.2, 1.4, 1.2]
# From this size on (and only into empty tables, outside a transaction) the generator
# rebuilds secondary indexes after loading and writes from a second thread while the
# first makes the next chunk. Smaller runs (tests) write directly, in the caller's
# transaction.
BULK_FROM = 5000
# (stage, done, total, rows written so far)
Progress = Callable[[str, int, int, int], None]


DATASET_VERSION = 3


@dataclass
class Size:
    cases: int
    actions_per_case: int = 10
    audit_rows_per_case: int = 50
    chunk: int = 1000


@dataclass
class Result:
    rows: dict[str, int] = field(default_factory=dict)
    bench_user_id: int = 0


def signature(size: Size, seed: int) -> str:
    """What a data set was made from, stored as the bench user's job title: bench/run.py
    reuses a data set only when this matches. Raise DATASET_VERSION when the generator
    changes what it makes."""
    return (
        f"Benchmark v{DATASET_VERSION} seed {seed}: {size.cases} x "
        f"{size.actions_per_case}/{size.audit_rows_per_case}"
    )


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` over the weights in whole numbers that add up to exactly `total`."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    out, acc, prev = [], 0.0, 0
    for w in weights:
        acc += w
        cur = round(acc * total / whole)
        out.append(cur - prev)
        prev = cur
    return out


def skeleton(size: Size, rng: random.Random) -> list[Plan]:
    """Decide every case's step and its number of actions and audit rows up front, so
    that the totals are exact (cases × actions per case, cases × audit rows per case)
    while spreading them unevenly, as in real life."""
    steps = rng.choices(range(7), STEP_WEIGHTS, k=size.cases)
    stopped = [
        rng.randrange(3) if s == CLOSED and rng.random() < STOPPED_EARLY else -1 for s in steps
    ]
    action_weights = [
        ACTION_WEIGHT.get(s, 0.0) * rng.uniform(0.5, 1.5) if stop < 0 else 0.0
        for s, stop in zip(steps, stopped, strict=True)
    ]
    audit_weights = [
        (AUDIT_WEIGHT[s] if stop < 0 else 0.4) * rng.uniform(0.5, 1.5)
        for s, stop in zip(steps, stopped, strict=True)
    ]
    actions = allocate(size.cases * size.actions_per_case, action_weights)
    audit = allocate(size.cases * size.audit_rows_per_case, audit_weights)
    return [
        Plan(step=s, stopped_from=stop, actions=a, audit=n)
        for s, stop, a, n in zip(steps, stopped, actions, audit, strict=True)
    ]


def generate(size: Size, *, seed: int = 2026, progress: Progress | None = None) -> Result:
    """Generate `size.cases` cases in chunks, one transaction per chunk. The bench user
    is activated last, so a data set whose generation was interrupted cannot be
    mistaken for a complete one (bench/run.py logs in as that user)."""
    rng = random.Random(seed)  # noqa: S311 - fictional data, not security
    now = timezone.now()
    clock = Clock(now, timezone.localdate(now))
    tables = build_tables(now)
    writer = Writer()
    fresh = writer.all_empty(tables.values())
    with transaction.atomic():
        teams, bench = create_people(size.cases, rng, signature=signature(size, seed))
        # Budget pots for every year the generated history spans.
        create_team_settings(teams, range(clock.start.year, now.year + 1))
        rules = shared_rules()
    plans = skeleton(size, rng)
    head, _created = AuditSequencerState.objects.get_or_create(
        pk=1, defaults={"last_seq": 0, "last_hash": GENESIS}
    )
    maker = CaseMaker(
        rng=rng,
        clock=clock,
        teams=teams,
        bench=bench,
        result_kinds=[k.hex for k in ResultKind.objects.values_list("pk", flat=True)],
        audit_prev=head.last_hash,
        audit_seq=head.last_seq,
        rules=rules,
        price_items=price_rows(),
    )
    indexes = DeferredIndexes(tables.values())
    bulk = fresh and size.cases >= BULK_FROM and not connection.in_atomic_block
    if bulk:
        indexes.drop()
    sink = ThreadedSink(writer, tables) if bulk else DirectSink(writer, tables)
    written = 0
    try:
        for start in range(0, size.cases, size.chunk):
            stop = min(size.cases, start + size.chunk)
            out: dict[str, list[tuple[object, ...]]] = {key: [] for key in tables}
            for i in range(start, stop):
                maker.make(i, plans[i], out)
            written += sink.put(out)
            if progress:
                progress("trajecten", stop, size.cases, written)
        sink.close()
    finally:
        sink.abort()
        indexes.rebuild(
            (lambda done, total: progress("indexen", done, total, written)) if progress else None
        )
    if progress:
        progress("statistieken", 0, 1, written)
    writer.analyze(vacuum=bulk)
    if progress:
        progress("statistieken", 1, 1, written)
    if maker.audit_seq != head.last_seq:
        AuditSequencerState.objects.filter(pk=1).update(
            last_seq=maker.audit_seq, last_hash=maker.audit_prev
        )
    User.objects.filter(pk=bench.id).update(is_active=True)
    return Result(rows=dict(writer.counts), bench_user_id=bench.id)
