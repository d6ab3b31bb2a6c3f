"""manage.py generate_data --cases N: fictional data at scale for benchmarks."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opkoers.accounts.models import User
from opkoers.datagen.generator import BENCH_USERNAME, Size, generate


class ProgressBar:
    """One line per stage on stderr (trajecten, indexen, statistieken), and how long
    each stage took, for the summary."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.stages: dict[str, float] = {}
        self.current = ""

    def __call__(self, stage: str, done: int, total: int, rows: int) -> None:
        now = time.monotonic()
        if stage != self.current:
            if self.current:
                sys.stderr.write("\n")
            self.current = stage
            self.stages[stage] = now
        elapsed = now - self.stages[stage]
        filled = 30 * done // max(total, 1)
        eta = f", nog {elapsed / done * (total - done):,.0f} s" if done else ""
        rate = ""
        if stage == "trajecten":
            rate = f", {rows:,} rijen, {rows / max(now - self.started, 1e-6):,.0f} rijen/s"
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} {stage}{rate}{eta}   "
        )
        sys.stderr.flush()

    def durations(self) -> str:
        end = time.monotonic()
        marks = [*self.stages.values(), end]
        return ", ".join(
            f"{stage} {marks[i + 1] - started:.0f} s"
            for i, (stage, started) in enumerate(self.stages.items())
        )


class Command(BaseCommand):
    help = "Genereert fictieve trajecten op schaal (voor benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--actions-per-case", type=int, default=10)
        parser.add_argument("--audit-rows-per-case", type=int, default=50)
        parser.add_argument("--chunk", type=int, default=1000, help="trajecten per transactie")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            # Fictional people by the hundred thousand do not belong beside real ones.
            raise CommandError("Benchmarkdata genereren kan niet in productie.")
        if options["cases"] < 1:
            raise CommandError("--cases moet minstens 1 zijn.")
        if User.objects.filter(username=BENCH_USERNAME).exists():
            raise CommandError(
                "Er staat al benchmarkdata in deze database; gebruik een lege database."
            )
        started = time.monotonic()
        bar = None if options["no_progress"] else ProgressBar()
        size = Size(
            cases=options["cases"],
            actions_per_case=options["actions_per_case"],
            audit_rows_per_case=options["audit_rows_per_case"],
            chunk=options["chunk"],
        )
        result = generate(size, seed=options["seed"], progress=bar)
        if bar:
            sys.stderr.write("\n")
        for table, count in result.rows.items():
            self.stdout.write(f"  {table:<38} {count:>12,}")
        total = sum(result.rows.values())
        self.stdout.write(
            f"{size.cases} trajecten gegenereerd ({total:,} rijen) in "
            f"{time.monotonic() - started:.1f} s" + (f": {bar.durations()}." if bar else ".")
        )
