"""Runs the audit sequencer (audit/sequencer.py): `--loop` in production as its own
process (docs/decisions/0016-audit-sequencer.md), `--once` after a migration, a data
load or in a cron job."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opkoers.audit import sequencer


class Command(BaseCommand):
    help = "Give waiting audit rows their place in the keyed chain and publish checkpoints."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="chain what waits now, then stop")
        mode.add_argument("--loop", action="store_true", help="keep running (production)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between batches")
        parser.add_argument("--batch-size", type=int, default=sequencer.BATCH_SIZE)
        parser.add_argument(
            "--checkpoint", action="store_true", help="publish a checkpoint even if not due"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["loop"]:
            sequencer.run_forever(interval=options["interval"], batch_size=options["batch_size"])
            return
        chained = sequencer.sequence_pending(
            batch_size=options["batch_size"], force_checkpoint=options["checkpoint"]
        )
        self.stdout.write(f"Audit sequencer: {chained} rows chained.")
