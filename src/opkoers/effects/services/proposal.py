"""‘Voorstel uit het traject’: team time from the case's held conversations, as entries
on the intervention timeline. One entry per conversation, never twice."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case
from opkoers.effects.models import PriceItem, Timeline, TimelineEntry
from opkoers.effects.services.entries import CENT, _require_editor
from opkoers.meetings.models import Conversation, ConversationStatus, ParticipantKind

if TYPE_CHECKING:
    from opkoers.accounts.models import User

TEAM_HOUR_ITEM = "Uur professional (teamtijd)"
# The assumption the page states: a conversation at the table, with preparation and a
# short report, takes each professional about an hour and a half.
HOURS_PER_PROFESSIONAL = Decimal("1.5")


def team_hour_item() -> PriceItem | None:
    return PriceItem.objects.filter(name=TEAM_HOUR_ITEM, active=True).first()


def propose_team_time(*, case: Case, by: User) -> int:
    """Adds team time for every held conversation not yet counted; returns how many
    entries were added (0 when there is nothing new, or no active team-hour item)."""
    with transaction.atomic():
        locked = _require_editor(by, case)
        item = team_hour_item()
        if item is None:
            return 0
        conversations = (
            Conversation.objects.filter(case=locked, status=ConversationStatus.HELD)
            .exclude(effect_entries__isnull=False)
            .annotate(
                professionals=Count(
                    "participants", filter=Q(participants__kind=ParticipantKind.PROFESSIONAL)
                )
            )
            .order_by("held_at")
        )
        entries = []
        with translation.override("nl"):  # stored text, the same in every UI language
            rows = [(c, str(c.get_kind_display())) for c in conversations]
        for conversation, kind in rows:
            if not conversation.professionals:
                continue
            quantity = (HOURS_PER_PROFESSIONAL * conversation.professionals).quantize(CENT)
            entries.append(
                TimelineEntry(
                    case=locked,
                    timeline=Timeline.INTERVENTION,
                    price_item=item,
                    quantity=quantity,
                    unit_price=item.price,
                    amount=(quantity * item.price).quantize(CENT),
                    payer=item.payer,
                    occurred_on=timezone.localdate(conversation.held_at)
                    if conversation.held_at
                    else None,
                    description=(
                        f"{kind}: {conversation.professionals} professionals × "
                        f"{str(HOURS_PER_PROFESSIONAL).replace('.', ',')} uur"
                    ),
                    conversation=conversation,
                    created_by=by,
                )
            )
        TimelineEntry.objects.bulk_create(entries)
        if entries:
            record(
                actor=by,
                action=AuditAction.CREATE,
                code="effects.entry.propose",
                case=locked,
                detail={"entries": len(entries), "item": item.name},
            )
    return len(entries)
