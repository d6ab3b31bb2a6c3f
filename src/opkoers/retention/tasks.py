"""The scheduled retention job (django-tasks, database backend).

django-tasks has no scheduler of its own: cron or a systemd timer calls
`manage.py anonymise_closed_cases --enqueue` once a night, and `manage.py db_worker`
picks the task up. See docs/handleiding/bewaartermijn.md."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from opkoers.ops.request_id import carries_request_id
from opkoers.retention.models import RetentionTrigger
from opkoers.retention.services import anonymise_closed_cases


@task()
@carries_request_id
def anonymise_closed_cases_task() -> dict[str, Any]:
    run = anonymise_closed_cases(trigger=RetentionTrigger.SCHEDULE)
    # The task result is stored in the database: counts only, no personal data.
    return {"run_id": run.pk, "cases": run.cases_total, "residents": run.residents_total}


@task()
@carries_request_id
def dry_run_task(run_id: int) -> dict[str, Any]:
    """A dry run requested from the privacy officer's console: counts only."""
    from opkoers.retention.models import RetentionRun

    run = RetentionRun.objects.select_related("by").get(pk=run_id, dry_run=True)
    if run.finished_at is not None:
        return {"run_id": run.pk, "cases": run.cases_total, "residents": run.residents_total}
    run = anonymise_closed_cases(by=run.by, dry_run=True, trigger=RetentionTrigger.CONSOLE, run=run)
    return {"run_id": run.pk, "cases": run.cases_total, "residents": run.residents_total}
