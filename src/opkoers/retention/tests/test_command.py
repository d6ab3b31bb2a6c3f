"""manage.py anonymise_closed_cases and the scheduled task."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from opkoers.accounts.models import Team, User
from opkoers.cases.models import Case
from opkoers.retention.models import RetentionRun, RetentionTrigger
from opkoers.retention.tasks import anonymise_closed_cases_task
from opkoers.retention.tests.test_services import closed_case


def run(*args: str) -> str:
    out = StringIO()
    call_command("anonymise_closed_cases", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_counts_and_changes_nothing(team: Team, member: User) -> None:
    case = closed_case(team, member, months_ago=30)

    output = run("--dry-run")

    assert "Proefdraai: er is niets gewijzigd." in output
    assert f"{team.name} (bewaartermijn 24 maanden" in output
    assert "zou anonimiseren 1 trajecten, 1 inwoners" in output
    assert Case.objects.get(pk=case.pk).anonymised_at is None
    assert RetentionRun.objects.get().dry_run is True


def test_real_run_by_team_name_and_id(team: Team, other_team: Team, member: User) -> None:
    here = closed_case(team, member, months_ago=30)
    there = closed_case(other_team, member, months_ago=30)

    output = run("--team", other_team.name)
    assert "geanonimiseerd 1 trajecten, 1 inwoners" in output
    assert Case.objects.get(pk=here.pk).anonymised_at is None
    assert Case.objects.get(pk=there.pk).anonymised_at is not None

    run("--team", str(team.pk))
    assert Case.objects.get(pk=here.pk).anonymised_at is not None
    assert RetentionRun.objects.filter(trigger=RetentionTrigger.COMMAND).count() == 2


def test_unknown_team_is_a_clear_error(db: object) -> None:
    with pytest.raises(CommandError, match="Team 'Nergens' bestaat niet"):
        run("--team", "Nergens")
    assert not RetentionRun.objects.exists()


def test_enqueue_refuses_dry_run(db: object) -> None:
    with pytest.raises(CommandError):
        run("--enqueue", "--dry-run")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_scheduled_task_runs_the_job(team: Team, member: User) -> None:
    case = closed_case(team, member, months_ago=30)

    result = anonymise_closed_cases_task.enqueue()

    assert result.return_value is not None
    assert result.return_value["cases"] == 1
    assert Case.objects.get(pk=case.pk).anonymised_at is not None
    recorded = RetentionRun.objects.get()
    assert recorded.trigger == RetentionTrigger.SCHEDULE and recorded.by is None


def test_enqueue_puts_the_task_in_the_database_queue(db: object) -> None:
    from django_tasks_db.models import DBTaskResult

    output = run("--enqueue")

    assert "Taak in de wachtrij gezet" in output
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("anonymise_closed_cases_task")
    assert not RetentionRun.objects.exists()
