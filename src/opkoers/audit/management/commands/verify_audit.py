"""Checks the audit log's hash chain; exit code 1 and the first broken row on failure."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opkoers.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the tamper-evident hash chain of the audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = verify_chain(chunk_size=options["chunk_size"])
        if not verdict.ok:
            raise CommandError(
                f"Audit chain broken at row {verdict.broken_id}: {verdict.problem} "
                f"({verdict.checked} rows verified before it)."
            )
        self.stdout.write(f"Audit chain intact: {verdict.checked} rows verified.")
