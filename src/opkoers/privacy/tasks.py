"""The chain check as a background task (django-tasks, database backend): walking a
log of millions of rows takes minutes, longer than a request may."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from opkoers.ops.request_id import carries_request_id


@task()
@carries_request_id
def verify_chain_task(verification_id: int) -> dict[str, Any]:
    from opkoers.audit.verify import verify_chain
    from opkoers.privacy.models import ChainVerification
    from opkoers.privacy.services_console import (
        fail_chain_verification,
        finish_chain_verification,
    )

    verification = ChainVerification.objects.get(pk=verification_id)
    try:
        verdict = verify_chain()
    except Exception:
        fail_chain_verification(verification=verification)
        raise
    finish_chain_verification(verification=verification, verdict=verdict)
    # Stored in the task result table: the verdict only, no personal data.
    return {"ok": verdict.ok, "checked": verdict.checked, "problem": verdict.problem}
