"""Run a bounded number of requests (or raw SQL rounds) from a few threads and turn the
timings into percentiles."""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Sample:
    ms: float
    ok: bool
    queries: int | None = None
    db_ms: float | None = None
    size: int = 0
    status: int = 0


@dataclass
class Run:
    samples: list[Sample]
    seconds: float
    errors: list[str]

    @property
    def rps(self) -> float:
        return len(self.samples) / self.seconds if self.seconds > 0 else 0.0


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: always a value that was actually measured."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def run(
    workers: Sequence[Callable[[int], Sample]],
    *,
    total: int,
    seconds: float,
    warmup: int,
    on_start: Callable[[], None] | None = None,
) -> Run:
    """Each worker is one thread's bound request function (its own keep-alive session
    or database connection), called with a running request number. Warm-up calls are
    not recorded; the clock starts when every thread has warmed up. Stops after
    `total` calls or `seconds`, whichever comes first. `on_start` runs when the clock
    starts (after the warm-up)."""
    counter = itertools.count()
    samples: list[Sample] = []
    errors: list[str] = []
    lock = threading.Lock()
    # The barrier's action runs once every thread has warmed up, before any is released.
    ready = threading.Barrier(len(workers) + 1, action=on_start)
    deadline = [math.inf]

    def loop(worker: Callable[[int], Sample]) -> None:
        try:
            for w in range(warmup):
                worker(-1 - w)
        except Exception as exc:
            with lock:
                errors.append(f"warm-up: {exc!r}")
        ready.wait()
        while True:
            i = next(counter)
            if i >= total or time.perf_counter() > deadline[0]:
                return
            try:
                sample = worker(i)
            except Exception as exc:
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                samples.append(sample)

    threads = [threading.Thread(target=loop, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    deadline[0] = started + seconds
    for thread in threads:
        thread.join()
    return Run(samples=samples, seconds=time.perf_counter() - started, errors=errors)


def summary(result: Run) -> dict[str, float | int | None]:
    ms = sorted(s.ms for s in result.samples)
    queries = sorted(s.queries for s in result.samples if s.queries is not None)
    db_ms = sorted(s.db_ms for s in result.samples if s.db_ms is not None)
    sizes = [s.size for s in result.samples]
    return {
        "requests": len(ms),
        "errors": len(result.errors) + sum(1 for s in result.samples if not s.ok),
        "p50_ms": _r(percentile(ms, 50)),
        "p95_ms": _r(percentile(ms, 95)),
        "p99_ms": _r(percentile(ms, 99)),
        "mean_ms": _r(sum(ms) / len(ms)) if ms else None,
        "rps": _r(result.rps, 1),
        "queries": int(percentile(queries, 50)) if queries else None,
        "queries_min": queries[0] if queries else None,
        "queries_max": queries[-1] if queries else None,
        "db_p50_ms": _r(percentile(db_ms, 50)) if db_ms else None,
        "bytes": int(sum(sizes) / len(sizes)) if sizes else None,
    }


def _r(value: float, digits: int = 2) -> float | None:
    return None if math.isnan(value) else round(value, digits)
