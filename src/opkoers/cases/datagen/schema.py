"""The tables the generator fills and, per table, the fields its tuples carry (in
order). Everything not listed gets its default (see tables.Table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import models

from opkoers.audit.models import AuditEvent
from opkoers.cases.datagen.tables import Table
from opkoers.cases.models import (
    Case,
    CaseDomain,
    CaseResult,
    CaseTeamMember,
    CaseTransition,
    Closure,
    DomainAssessment,
)
from opkoers.meetings.models import Conversation, ConversationParticipant, FollowUpCall
from opkoers.plans.models import Action, Goal
from opkoers.residents.models import CommunicationNeed, NetworkPerson, Resident

# Key, model, fields. The order is also the write order within a chunk: parents first.
LAYOUT: list[tuple[str, type[models.Model], Sequence[str]]] = [
    (
        "resident",
        Resident,
        [
            "id",
            "created_at",
            "updated_at",
            "team",
            "first_name",
            "last_name",
            "date_of_birth",
            "phone",
            "has_no_address",
            "street",
            "postcode",
            "city",
            "address_note",
            "search_name",
        ],
    ),
    ("network", NetworkPerson, ("id", "resident", "name", "relation", "phone")),
    ("need", CommunicationNeed, ("id", "resident", "kind", "detail")),
    (
        "case",
        Case,
        [
            "id",
            "created_at",
            "updated_at",
            "team",
            "resident",
            "reference",
            "status",
            "registered_at",
            "registered_by",
            "channel",
            "referrer_name",
            "referrer_organisation",
            "reason_stuck",
            "urgency",
            "ladder_at_intake",
            "ladder_at_closing",
            "intake_completed_at",
            "first_conversation_at",
            "plan_agreed_at",
            "closed_at",
        ],
    ),
    ("case_domain", CaseDomain, ("case", "domain")),
    (
        "case_member",
        CaseTeamMember,
        ("id", "case", "user", "role_on_case", "is_contact_person", "backup"),
    ),
    ("transition", CaseTransition, ("case", "from_status", "to_status", "at", "by", "reason")),
    (
        "assessment",
        DomainAssessment,
        ("id", "case", "moment", "domain", "story", "priority", "zrm_score"),
    ),
    (
        "conversation",
        Conversation,
        [
            "id",
            "created_at",
            "updated_at",
            "case",
            "kind",
            "mode",
            "status",
            "scheduled_at",
            "location",
            "resident_agreed",
            "notes",
            "decisions",
            "held_at",
            "planned_by",
        ],
    ),
    ("participant", ConversationParticipant, ("id", "conversation", "kind", "user", "name")),
    (
        "follow_up",
        FollowUpCall,
        [
            "id",
            "created_at",
            "updated_at",
            "case",
            "conversation",
            "assigned_to",
            "due_date",
            "status",
            "outcome",
            "done_at",
            "done_by",
        ],
    ),
    (
        "goal",
        Goal,
        (
            "id",
            "created_at",
            "case",
            "domain",
            "description",
            "priority",
            "outcome",
            "outcome_note",
        ),
    ),
    (
        "action",
        Action,
        [
            "id",
            "created_at",
            "updated_at",
            "case",
            "goal",
            "description",
            "owner_kind",
            "owner_user",
            "owner_network_person",
            "due_date",
            "status",
            "completed_at",
            "created_by",
        ],
    ),
    (
        "closure",
        Closure,
        [
            "id",
            "case",
            "evaluation_resident",
            "evaluation_team",
            "handover_to",
            "handover_agreements",
            "evaluation_resident_missing_reason",
            "no_handover_needed",
            "stop_reason",
        ],
    ),
    ("result", CaseResult, ("id", "case", "kind", "note")),
    (
        "audit",
        AuditEvent,
        [
            "at",
            "actor",
            "actor_organisation_id",
            "actor_role",
            "action",
            "code",
            "case_id",
            "resident_id",
            "ip_address",
            "prev_hash",
            "row_hash",
        ],
    ),
]


def build_tables(now: datetime) -> dict[str, Table]:
    return {key: Table(model, fields, now=now) for key, model, fields in LAYOUT}
