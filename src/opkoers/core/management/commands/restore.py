"""manage.py restore FILE: a backup back into an empty database, then checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opkoers.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Zet een backup terug in de (lege) database en controleert daarna de auditketen "
        "tegen het laatste controlepunt en de aantallen rijen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:<28} {count:>12,}")
        if not result.chain_ok:
            raise CommandError(f"Teruggezet, maar de auditketen klopt niet: {result.chain_problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet; auditketen in orde ({result.chain_checked:,} regels gecontroleerd)."
            )
        )
