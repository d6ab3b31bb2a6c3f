"""Checks the audit log's keyed chain against the latest signed checkpoint; exit code 1
and the first broken row on failure (audit/verify.py)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opkoers.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the keyed audit chain and the latest signed checkpoint."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = verify_chain(chunk_size=options["chunk_size"])
        checkpoint = (
            f"latest checkpoint seq {verdict.checkpoint_seq} at {verdict.checkpoint_at:%Y-%m-%d %H:%M:%S%z}"  # noqa: E501
            if verdict.checkpoint_at is not None
            else "no checkpoint yet"
        )
        if not verdict.ok:
            where = (
                f" at row {verdict.broken_id} (seq {verdict.broken_seq})"
                if verdict.broken_id
                else ""
            )
            raise CommandError(
                f"Audit chain broken{where}: {verdict.problem} – {verdict.problem_label} "
                f"({verdict.checked} rows verified before it; {checkpoint})."
            )
        self.stdout.write(
            f"Audit chain intact: {verdict.checked} rows verified; {checkpoint}; "
            f"{verdict.unsequenced} rows waiting for the sequencer."
        )
        if verdict.stale_unsequenced:
            raise CommandError(
                f"{verdict.stale_unsequenced} audit rows have waited for the sequencer longer "
                "than AUDIT_UNSEQUENCED_MAX_SECONDS: is `manage.py audit_sequencer --loop` running?"
            )
