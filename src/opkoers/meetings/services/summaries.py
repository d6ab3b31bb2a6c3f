"""Writing the plain-language summary of a held conversation (issue 12, item 4)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.meetings.models import Conversation, ConversationStatus, ConversationSummary
from opkoers.meetings.services._guard import lock_open_case

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_PART = 4000


def save_summary(
    *,
    conversation: Conversation,
    by: User,
    discussed: str,
    agreed: str,
    tasks: str,
    next_appointment: str,
    version: int,
    now: dt.datetime | None = None,
) -> ConversationSummary:
    """Writes the summary. `version` is the one the form was opened with (0 for a new
    summary); a different stored version means someone else saved in between, and the
    save is refused with code "conflict" so the caller can keep the typed text. The
    same text submitted twice (a double click) saves nothing and raises nothing."""
    now = now or timezone.now()
    parts = {
        "discussed": discussed.strip(),
        "agreed": agreed.strip(),
        "tasks": tasks.strip(),
        "next_appointment": next_appointment.strip(),
    }
    with transaction.atomic():
        case = lock_open_case(case=conversation.case, by=by)
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != ConversationStatus.HELD:
            raise ValidationError(
                _("Een samenvatting schrijft u na het gesprek, als het is vastgelegd."),
                code="not_held",
            )
        if not any(parts.values()):
            raise ValidationError(_("Vul minstens één deel van de samenvatting in."), code="empty")
        if any(len(text) > MAX_PART for text in parts.values()):
            raise ValidationError(
                _("Een deel van de samenvatting is te lang (hooguit 4000 tekens)."),
                code="too_long",
            )
        summary = ConversationSummary.objects.filter(conversation=locked).first()
        if summary is not None and all(getattr(summary, k) == v for k, v in parts.items()):
            return summary
        current = summary.version if summary else 0
        if version != current:
            raise ValidationError(
                _(
                    "Iemand anders heeft deze samenvatting net opgeslagen. Uw tekst staat "
                    "hieronder nog; vergelijk hem met de opgeslagen versie en sla opnieuw op."
                ),
                code="conflict",
            )
        if summary is None:
            summary = ConversationSummary(conversation=locked, version=0)
        for key, value in parts.items():
            setattr(summary, key, value)
        summary.written_by = by
        summary.written_at = now
        summary.version = current + 1
        summary.save()
        record(
            actor=by,
            action=AuditAction.CREATE if current == 0 else AuditAction.UPDATE,
            code="meetings.summary.save",
            case=case,
            obj=summary,
            detail={"conversation": str(locked.pk), "version": summary.version},
        )
    return summary
