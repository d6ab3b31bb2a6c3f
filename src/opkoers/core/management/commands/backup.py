"""manage.py backup [FILE]: a backup of the database (see core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from opkoers.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Maakt een backup van de database (PostgreSQL: pg_dump; SQLite: backup-API)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            help="doelbestand (standaard var/backups/opkoers-<tijd>.<dump|sqlite3>)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"]) if options["file"] else self._default()
        try:
            backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup geschreven: {target}"))

    @staticmethod
    def _default() -> Path:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
        return Path(settings.PROJECT_DIR) / "var" / "backups" / f"opkoers-{stamp}.{suffix}"
