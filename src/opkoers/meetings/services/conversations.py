"""Planning, changing, cancelling and recording conversations (steps 3 and 6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.cases.services.transitions import transition
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationMode,
    ConversationParticipant,
    ConversationStatus,
    ParticipantKind,
)
from opkoers.meetings.permissions import allowed_kinds
from opkoers.meetings.services._guard import lock_open_case
from opkoers.meetings.services.follow_ups import schedule_follow_up
from opkoers.residents.models import NetworkPerson

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_OTHER_NAME = 200


@dataclass(frozen=True)
class Participants:
    """Who sits at the table: the resident, people from the resident's network, the
    professionals of the case team, and others without an account (an interpreter)."""

    resident: bool = False
    network_person_ids: frozenset[UUID] = field(default_factory=frozenset)
    user_ids: frozenset[int] = field(default_factory=frozenset)
    others: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.resident or self.network_person_ids or self.user_ids or self.others)


def _check_participants(case: Case, participants: Participants) -> None:
    if participants.is_empty:
        raise ValidationError(_("Kies wie er aan tafel zitten."), code="no_participants")
    known_network = set(
        NetworkPerson.objects.filter(
            resident_id=case.resident_id, pk__in=participants.network_person_ids
        ).values_list("pk", flat=True)
    )
    known_users = set(
        CaseTeamMember.objects.filter(case=case, user_id__in=participants.user_ids).values_list(
            "user_id", flat=True
        )
    )
    if known_network != set(participants.network_person_ids) or known_users != set(
        participants.user_ids
    ):
        raise ValidationError(
            _("Kies deelnemers uit het netwerk van de inwoner en het casusteam."),
            code="unknown_participant",
        )
    if any(len(name) > MAX_OTHER_NAME for name in participants.others):
        raise ValidationError(
            _("Een naam van een andere deelnemer is te lang (hooguit 200 tekens)."),
            code="other_too_long",
        )


def _write_participants(conversation: Conversation, participants: Participants) -> None:
    conversation.participants.all().delete()
    rows = []
    if participants.resident:
        rows.append(
            ConversationParticipant(conversation=conversation, kind=ParticipantKind.RESIDENT)
        )
    rows += [
        ConversationParticipant(
            conversation=conversation, kind=ParticipantKind.NETWORK, network_person_id=pk
        )
        for pk in sorted(participants.network_person_ids, key=str)
    ]
    rows += [
        ConversationParticipant(
            conversation=conversation, kind=ParticipantKind.PROFESSIONAL, user_id=pk
        )
        for pk in sorted(participants.user_ids)
    ]
    rows += [
        ConversationParticipant(conversation=conversation, kind=ParticipantKind.OTHER, name=name)
        for name in participants.others
    ]
    ConversationParticipant.objects.bulk_create(rows)


def _check_kind(case: Case, kind: str, *, exclude: Conversation | None = None) -> None:
    if kind not in ConversationKind.values:
        raise ValidationError(_("Kies het soort gesprek."), code="kind")
    if kind not in allowed_kinds(case):
        raise ValidationError(
            _("Een %(kind)s past niet bij de stap ‘%(status)s’ van dit traject.")
            % {
                "kind": ConversationKind(kind).label.lower(),
                "status": CaseStatus(case.status).label,
            },
            code="kind_not_allowed",
        )
    if kind == ConversationKind.FIRST:
        others = Conversation.objects.filter(case=case, kind=ConversationKind.FIRST)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        if others.filter(status=ConversationStatus.HELD).exists():
            raise ValidationError(
                _("Het eerste gesprek is al gehouden. Plan een vervolggesprek."),
                code="first_held",
            )
        if others.filter(status=ConversationStatus.PLANNED).exists():
            raise ValidationError(
                _("Er staat al een eerste gesprek gepland. Wijzig dat gesprek."),
                code="first_planned",
            )


def _check_mode(mode: str) -> None:
    if mode not in ConversationMode.values:
        raise ValidationError(_("Kies hoe het gesprek plaatsvindt."), code="mode")


def _check_not_past(scheduled_at: dt.datetime, now: dt.datetime) -> None:
    """Planning is for the future. A conversation that already happened is recorded,
    not planned."""
    if scheduled_at < now.replace(second=0, microsecond=0):
        raise ValidationError(
            _("Dit moment ligt in het verleden. Kies een datum en tijd vanaf nu."),
            code="past",
        )


def plan_conversation(
    *,
    case: Case,
    by: User,
    kind: str,
    mode: str,
    scheduled_at: dt.datetime,
    location: str,
    participants: Participants,
    resident_agreed: bool,
    now: dt.datetime | None = None,
) -> Conversation:
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_open_case(case=case, by=by)
        _check_kind(locked, kind)
        _check_mode(mode)
        _check_not_past(scheduled_at, now)
        _check_participants(locked, participants)
        conversation = Conversation.objects.create(
            case=locked,
            kind=kind,
            mode=mode,
            scheduled_at=scheduled_at,
            location=location.strip(),
            resident_agreed=resident_agreed,
            planned_by=by,
        )
        _write_participants(conversation, participants)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="meetings.conversation.plan",
            case=locked,
            obj=conversation,
            detail={"kind": kind, "mode": mode, "resident_agreed": resident_agreed},
        )
    return conversation


def _lock_conversation(conversation: Conversation, *, status: str, message: str) -> Conversation:
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if locked.status != status:
        raise ValidationError(message, code="status")
    return locked


def update_conversation(
    *,
    conversation: Conversation,
    by: User,
    kind: str,
    mode: str,
    scheduled_at: dt.datetime,
    location: str,
    participants: Participants,
    resident_agreed: bool,
    now: dt.datetime | None = None,
    expected_version: int | None = None,
) -> Conversation:
    """`expected_version`: the version the edit form showed (EditConflict when the
    planned conversation was saved since, decision 0026)."""
    now = now or timezone.now()
    with transaction.atomic():
        case = lock_open_case(case=conversation.case, by=by)
        locked = _lock_conversation(
            conversation,
            status=ConversationStatus.PLANNED,
            message=_("Alleen een gepland gesprek kan worden gewijzigd."),
        )
        check_version(locked, expected_version, case_id=case.pk)
        if kind != locked.kind:
            _check_kind(case, kind, exclude=locked)
        _check_mode(mode)
        if scheduled_at != locked.scheduled_at:
            _check_not_past(scheduled_at, now)
        _check_participants(case, participants)
        changed = [
            name
            for name, value in (
                ("kind", kind),
                ("mode", mode),
                ("scheduled_at", scheduled_at),
                ("location", location.strip()),
                ("resident_agreed", resident_agreed),
            )
            if getattr(locked, name) != value
        ]
        locked.kind = kind
        locked.mode = mode
        locked.scheduled_at = scheduled_at
        locked.location = location.strip()
        locked.resident_agreed = resident_agreed
        save_versioned(locked, ["kind", "mode", "scheduled_at", "location", "resident_agreed"])
        _write_participants(locked, participants)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.conversation.update",
            case=case,
            obj=locked,
            detail={"changed": changed},
        )
    return locked


def cancel_conversation(*, conversation: Conversation, by: User, reason: str = "") -> Conversation:
    with transaction.atomic():
        case = lock_open_case(case=conversation.case, by=by)
        locked = _lock_conversation(
            conversation,
            status=ConversationStatus.PLANNED,
            message=_("Alleen een gepland gesprek kan worden geannuleerd."),
        )
        locked.status = ConversationStatus.CANCELLED
        locked.cancel_reason = reason.strip()[:300]
        locked.save(update_fields=["status", "cancel_reason", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.conversation.cancel",
            case=case,
            obj=locked,
        )
    return locked


def _check_report(*, held_at: dt.datetime, now: dt.datetime, notes: str, decisions: str) -> None:
    if held_at > now:
        raise ValidationError(
            _(
                "Een gesprek kan niet in de toekomst gehouden zijn. "
                "Kies het moment van het gesprek."
            ),
            code="future",
        )
    if not notes.strip() and not decisions.strip():
        raise ValidationError(
            _("Schrijf een kort verslag of de besluiten en afspraken op."), code="empty_report"
        )


def record_conversation(
    *,
    conversation: Conversation,
    by: User,
    held_at: dt.datetime,
    participants: Participants,
    notes: str,
    decisions: str,
    follow_up_due: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Conversation:
    """Records a planned conversation as held. A held first conversation moves the case
    to Samen1plan; every held conversation schedules the follow-up call (nabellen) for
    the case's contact person. The moment may lie in the past: reports are often
    written afterwards."""
    now = now or timezone.now()
    with transaction.atomic():
        case = lock_open_case(case=conversation.case, by=by)
        locked = _lock_conversation(
            conversation,
            status=ConversationStatus.PLANNED,
            message=_("Dit gesprek is al vastgelegd of geannuleerd."),
        )
        _check_report(held_at=held_at, now=now, notes=notes, decisions=decisions)
        _check_participants(case, participants)
        locked.status = ConversationStatus.HELD
        locked.held_at = held_at
        locked.notes = notes.strip()
        locked.decisions = decisions.strip()
        locked.save(update_fields=["status", "held_at", "notes", "decisions", "updated_at"])
        _write_participants(locked, participants)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.conversation.record",
            case=case,
            obj=locked,
            detail={"kind": locked.kind},
        )
        schedule_follow_up(case=case, conversation=locked, by=by, due_date=follow_up_due)
        if locked.kind == ConversationKind.FIRST and case.status == CaseStatus.FIRST_CONVERSATION:
            transition(
                case=case,
                to_status=CaseStatus.PLAN,
                by=by,
                reason=_("Eerste gesprek gehouden."),
            )
    return locked


def update_report(
    *,
    conversation: Conversation,
    by: User,
    held_at: dt.datetime,
    participants: Participants,
    notes: str,
    decisions: str,
    now: dt.datetime | None = None,
) -> Conversation:
    """Corrects the report of a held conversation; the follow-up call stays as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        case = lock_open_case(case=conversation.case, by=by)
        locked = _lock_conversation(
            conversation,
            status=ConversationStatus.HELD,
            message=_("Alleen het verslag van een gehouden gesprek kan worden aangepast."),
        )
        _check_report(held_at=held_at, now=now, notes=notes, decisions=decisions)
        _check_participants(case, participants)
        locked.held_at = held_at
        locked.notes = notes.strip()
        locked.decisions = decisions.strip()
        locked.save(update_fields=["held_at", "notes", "decisions", "updated_at"])
        _write_participants(locked, participants)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="meetings.conversation.report_update",
            case=case,
            obj=locked,
        )
    return locked
