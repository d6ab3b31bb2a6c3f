"""manage.py anonymise_closed_cases [--dry-run] [--team NAME|ID] [--enqueue]"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opkoers.accounts.models import Team
from opkoers.retention.models import RetentionRun, RetentionTrigger
from opkoers.retention.services import BATCH_SIZE, anonymise_closed_cases


class Command(BaseCommand):
    help = (
        "Anonimiseert afgesloten trajecten waarvan de bewaartermijn van het team "
        "verstreken is. Met --dry-run wordt alleen geteld."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wijzigen.")
        parser.add_argument("--team", help="Alleen dit team (naam of id).")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Zet de taak in de wachtrij voor `manage.py db_worker` (voor cron).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            if options["dry_run"] or options["team"]:
                raise CommandError("--enqueue draait altijd voor alle teams, zonder proefdraai.")
            from opkoers.retention.tasks import anonymise_closed_cases_task

            result = anonymise_closed_cases_task.enqueue()
            self.stdout.write(f"Taak in de wachtrij gezet: {result.id}")
            return
        if options["batch_size"] < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.")
        team = _find_team(options["team"]) if options["team"] else None
        run = anonymise_closed_cases(
            team=team,
            dry_run=options["dry_run"],
            trigger=RetentionTrigger.COMMAND,
            batch_size=options["batch_size"],
        )
        self._report(run)

    def _report(self, run: RetentionRun) -> None:
        verb = "zou anonimiseren" if run.dry_run else "geanonimiseerd"
        if run.dry_run:
            self.stdout.write("Proefdraai: er is niets gewijzigd.")
        for entry in run.counts.values():
            self.stdout.write(
                f"{entry['team']} (bewaartermijn {entry['months']} maanden, afgesloten vóór "
                f"{entry['cutoff'][:10]}): {verb} {entry['cases']} trajecten, "
                f"{entry['residents']} inwoners"
            )
        self.stdout.write(
            f"Totaal {verb}: {run.cases_total} trajecten, {run.residents_total} inwoners "
            f"(run {run.pk})."
        )


def _find_team(value: str) -> Team:
    try:
        return Team.objects.get(pk=uuid.UUID(value))
    except (ValueError, Team.DoesNotExist):
        pass
    try:
        return Team.objects.get(name=value)
    except Team.DoesNotExist as exc:
        raise CommandError(f"Team '{value}' bestaat niet.") from exc
