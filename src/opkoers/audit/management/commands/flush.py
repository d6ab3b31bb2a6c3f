"""Django's flush, allowed to empty the audit table on SQLite (see audit/guard.py).
Test runs flush between transactional tests; flush empties everything, by design."""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand

from opkoers.audit.guard import maintenance


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with maintenance():
            super().handle(**options)
