"""Starting the privacy officer's background jobs: a check of the audit chain and a
retention dry run. Each start is one transaction with its audit row and the queued
task (django-tasks' database backend), so a start that is not recorded does not run."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.ops.request_id import enqueue
from opkoers.privacy.models import ChainVerification, VerificationStatus

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.audit.verify import Verdict
    from opkoers.retention.models import RetentionRun

# A run that has not finished after this long died with its worker; it no longer blocks
# a new start (the page shows it as aborted).
STALE_AFTER = timedelta(hours=2)


def _expire_stale_verifications() -> None:
    ChainVerification.objects.filter(
        status=VerificationStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    ).update(status=VerificationStatus.FAILED, finished_at=timezone.now())


def start_chain_verification(*, by: User) -> ChainVerification:
    """Queue a check of the whole chain. Refused (code `verification_running`) while
    another check runs: the partial unique constraint makes that hold for two racing
    requests too."""
    from opkoers.privacy.tasks import verify_chain_task

    with transaction.atomic():
        _expire_stale_verifications()
        try:
            with transaction.atomic():
                verification = ChainVerification.objects.create(started_by=by)
        except IntegrityError:
            raise ValidationError(
                _("Er loopt al een controle van de auditketen. Wacht tot die klaar is."),
                code="verification_running",
            ) from None
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="privacy.verify",
            obj=verification,
        )
        enqueue(verify_chain_task, verification.pk)
    return verification


def finish_chain_verification(*, verification: ChainVerification, verdict: Verdict) -> None:
    verification.status = VerificationStatus.DONE
    verification.finished_at = timezone.now()
    verification.ok = verdict.ok
    verification.problem = verdict.problem
    verification.checked = verdict.checked
    verification.broken_seq = verdict.broken_seq
    verification.unsequenced = verdict.unsequenced
    verification.stale_unsequenced = verdict.stale_unsequenced
    verification.checkpoint_seq = verdict.checkpoint_seq
    verification.checkpoint_head = verdict.checkpoint_head
    verification.checkpoint_at = verdict.checkpoint_at
    verification.checkpoint_signature_valid = verdict.checkpoint_signature_valid
    verification.save()


def fail_chain_verification(*, verification: ChainVerification) -> None:
    verification.status = VerificationStatus.FAILED
    verification.finished_at = timezone.now()
    verification.save(update_fields=["status", "finished_at"])


def start_retention_dry_run(*, by: User) -> RetentionRun:
    """Queue a retention dry run for every team (counts only, nothing changes). The run
    row is written now, so the page shows it while it waits for the worker; refused
    (code `dry_run_running`) while an earlier console dry run has not finished."""
    from opkoers.retention.models import RetentionRun, RetentionTrigger
    from opkoers.retention.tasks import dry_run_task

    with transaction.atomic():
        waiting = RetentionRun.objects.filter(
            trigger=RetentionTrigger.CONSOLE,
            finished_at__isnull=True,
            started_at__gte=timezone.now() - STALE_AFTER,
        )
        if waiting.exists():
            raise ValidationError(
                _("Er loopt al een proefdraai. Wacht tot die klaar is."),
                code="dry_run_running",
            )
        run = RetentionRun.objects.create(
            started_at=timezone.now(), dry_run=True, trigger=RetentionTrigger.CONSOLE, by=by
        )
        record(actor=by, action=AuditAction.CREATE, code="retention.dry_run", obj=run)
        enqueue(dry_run_task, run.pk)
    return run
