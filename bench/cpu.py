"""CPU time per request, read from /proc (Linux): the gunicorn workers' and the
PostgreSQL backends serving this database. Unlike latency, CPU time barely changes when
other work shares the machine, so it says what a page costs even on a busy box: on an
otherwise idle 2-core machine a page's latency is roughly its app CPU plus its database
time. Returns None where /proc is not available."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float:
    """User + system seconds of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class CpuMeter:
    """Sums CPU seconds over a set of processes between two readings; the set is
    looked up again at every start (workers and connections can be replaced)."""

    def __init__(self, find: Callable[[], list[int]]) -> None:
        self.find = find
        self.pids: list[int] = []
        self.start = 0.0

    @property
    def available(self) -> bool:
        return bool(self.pids) and Path("/proc/self/stat").exists()

    def total(self) -> float:
        return sum(process_cpu(pid) for pid in self.pids)

    def begin(self) -> None:
        self.pids = self.find()
        self.start = self.total()

    def per_request_ms(self, requests: int) -> float | None:
        if not self.available or requests <= 0:
            return None
        return round((self.total() - self.start) * 1000 / requests, 2)
