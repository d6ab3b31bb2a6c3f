"""Every change to conversations and follow-up calls goes through these functions: they
lock the case row, refuse a closed case and anyone not at the table, validate, and write
the audit row in the same transaction."""

from opkoers.meetings.services.conversations import (
    Participants,
    cancel_conversation,
    plan_conversation,
    record_conversation,
    update_conversation,
    update_report,
)
from opkoers.meetings.services.follow_ups import (
    NoContactPerson,
    change_follow_up,
    record_follow_up_outcome,
    schedule_follow_up,
)

__all__ = [
    "NoContactPerson",
    "Participants",
    "cancel_conversation",
    "change_follow_up",
    "plan_conversation",
    "record_conversation",
    "record_follow_up_outcome",
    "schedule_follow_up",
    "update_conversation",
    "update_report",
]
