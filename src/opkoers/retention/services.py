"""Anonymise closed cases once the team's retention period has passed.

Anonymising happens in place: the case row, its dates, statuses, domains, scores,
goal outcomes, actions and results stay, so that reports keep their figures; every
free text that may describe a person is blanked and the resident's identifying data is
replaced. Work runs in batches, each batch one transaction of a fixed number of bulk
UPDATEs (no per-row saves), so 100,000 cases cost a few hundred queries, not millions.

The resident is anonymised together with their last case: while they have another
case that is open or still within its period, the team still needs who they are."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from opkoers.accounts.models import Team
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record_many
from opkoers.budgets.models import BudgetRequest
from opkoers.cases.models import (
    Case,
    CaseResult,
    CaseStatus,
    CaseTransition,
    Closure,
    DomainAssessment,
)
from opkoers.consent.models import ConsentVersion, LegalBasis
from opkoers.consent.storage import private_storage
from opkoers.deviations.models import Deviation
from opkoers.effects.models import TimelineEntry
from opkoers.meetings.models import (
    Conversation,
    ConversationParticipant,
    ConversationSummary,
    FollowUpAttempt,
    FollowUpCall,
)
from opkoers.plans.models import Action, Goal
from opkoers.residents.models import CommunicationNeed, NetworkPerson, Resident
from opkoers.retention.models import RetentionRun, RetentionTrigger

if TYPE_CHECKING:
    from opkoers.accounts.models import User

# Stored data, not UI text: the same word in every language the screens may show.
ANONYMISED = "Geanonimiseerd"
BATCH_SIZE = 500
AUDIT_CODE = "retention.anonymise"


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    years, month_index = divmod(moment.month - 1 - months, 12)
    year = moment.year + years
    month = month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_cases(*, team: Team, now: datetime.datetime) -> QuerySet[Case]:
    """Closed, not yet anonymised, closed before the team's cutoff (index
    case_retention_due)."""
    cutoff = months_before(now, team.retention_months_after_closing)
    return Case.objects.filter(
        team=team,
        status=CaseStatus.CLOSED,
        anonymised_at__isnull=True,
        closed_at__lt=cutoff,
    )


@dataclass
class BatchResult:
    cases: int
    residents: int


def anonymise_closed_cases(
    *,
    by: User | None = None,
    team: Team | None = None,
    dry_run: bool = False,
    trigger: str = RetentionTrigger.COMMAND,
    batch_size: int = BATCH_SIZE,
    now: datetime.datetime | None = None,
    run: RetentionRun | None = None,
) -> RetentionRun:
    """Run the retention job for one team or all teams and return its record. The
    run row is written first and updated after every batch, so an interrupted run
    shows how far it got (finished_at stays empty). `run` is a row written when the
    run was requested (the privacy officer's console), so that a queued run shows."""
    now = now or timezone.now()
    if run is None:
        run = RetentionRun.objects.create(
            started_at=timezone.now(), dry_run=dry_run, trigger=trigger, by=by
        )
    teams = [team] if team is not None else list(Team.objects.order_by("name"))
    for current in teams:
        months = current.retention_months_after_closing
        entry: dict[str, Any] = {
            "team": current.name,
            "months": months,
            "cutoff": months_before(now, months).isoformat(),
            "cases": 0,
            "residents": 0,
        }
        run.counts[str(current.pk)] = entry
        if dry_run:
            entry["cases"], entry["residents"] = _would_anonymise(current, now)
        else:
            while True:
                result = _anonymise_batch(team=current, now=now, by=by, size=batch_size)
                if result.cases == 0:
                    break
                entry["cases"] += result.cases
                entry["residents"] += result.residents
                _save_progress(run)
        _save_progress(run)
    run.finished_at = timezone.now()
    _save_progress(run)
    return run


def _save_progress(run: RetentionRun) -> None:
    run.cases_total = sum(e["cases"] for e in run.counts.values())
    run.residents_total = sum(e["residents"] for e in run.counts.values())
    run.save(update_fields=["counts", "cases_total", "residents_total", "finished_at"])


def _would_anonymise(team: Team, now: datetime.datetime) -> tuple[int, int]:
    due = due_cases(team=team, now=now)
    # A resident goes when no other case of theirs is still needed. NOT EXISTS per
    # resident, not NOT IN over every unanonymised case in the country: PostgreSQL cannot
    # make NOT IN an anti-join, and once that list outgrows work_mem it rescans it for
    # every row.
    still_needed = Case.objects.filter(
        resident_id=OuterRef("pk"), anonymised_at__isnull=True
    ).exclude(pk__in=due)
    residents = (
        Resident.objects.filter(cases__in=due).filter(~Exists(still_needed)).distinct().count()
    )
    return due.count(), residents


def _anonymise_batch(
    *, team: Team, now: datetime.datetime, by: User | None, size: int
) -> BatchResult:
    with transaction.atomic():
        # Locked so that a reopen racing the job waits and then finds the case
        # anonymised (and refused), instead of reopening half-blanked data.
        batch = list(
            due_cases(team=team, now=now)
            .select_for_update()
            .order_by("closed_at", "id")
            .values_list("id", "resident_id")[:size]
        )
        if not batch:
            return BatchResult(0, 0)
        case_ids = [case_id for case_id, _ in batch]
        stamp = timezone.now()
        _blank_case_texts(case_ids, stamp)
        resident_ids = _anonymise_residents({resident_id for _, resident_id in batch})
        record_many(
            actor=by,
            action=AuditAction.UPDATE,
            code=AUDIT_CODE,
            rows=[
                {
                    "case_id": case_id,
                    "resident_id": resident_id,
                    "object_type": "cases.case",
                    "object_id": case_id,
                    "detail": {
                        "team_id": str(team.pk),
                        "resident_anonymised": resident_id in resident_ids,
                    },
                }
                for case_id, resident_id in batch
            ],
        )
        return BatchResult(len(case_ids), len(resident_ids))


def _blank_case_texts(case_ids: list[UUID], stamp: datetime.datetime) -> None:
    """Everything a professional typed about the resident goes; codes, dates, scores
    and outcomes stay. One UPDATE per table, whatever the batch size."""
    Case.objects.filter(pk__in=case_ids).update(
        anonymised_at=stamp,
        updated_at=stamp,
        referrer_name="",
        referrer_contact="",
        reason_stuck=ANONYMISED,
        possible_duplicate_of=None,
    )
    CaseTransition.objects.filter(case_id__in=case_ids).update(reason="")
    DomainAssessment.objects.filter(case_id__in=case_ids).update(story="", updated_at=stamp)
    CaseResult.objects.filter(case_id__in=case_ids).update(note="", updated_at=stamp)
    Closure.objects.filter(case_id__in=case_ids).update(
        evaluation_resident="",
        evaluation_team="",
        handover_to="",
        handover_agreements="",
        evaluation_resident_missing_reason="",
        updated_at=stamp,
    )
    Conversation.objects.filter(case_id__in=case_ids).update(
        location="", notes="", decisions="", cancel_reason="", updated_at=stamp
    )
    ConversationSummary.objects.filter(conversation__case_id__in=case_ids).update(
        discussed="",
        agreed="",
        tasks="",
        next_appointment="",
        resident_reaction="",
        updated_at=stamp,
    )
    ConversationParticipant.objects.filter(conversation__case_id__in=case_ids).update(
        name="", updated_at=stamp
    )
    FollowUpCall.objects.filter(case_id__in=case_ids).update(outcome="", updated_at=stamp)
    FollowUpAttempt.objects.filter(call__case_id__in=case_ids).update(note="", updated_at=stamp)
    Goal.objects.filter(case_id__in=case_ids).update(
        description=ANONYMISED, outcome_note="", updated_at=stamp
    )
    Action.objects.filter(case_id__in=case_ids).update(description=ANONYMISED, updated_at=stamp)
    # Budget: amounts, states, dates and the payment reference stay for the ledger and
    # the factsheet (the financial administration keeps its own books); the story goes.
    BudgetRequest.objects.filter(case_id__in=case_ids).update(
        purpose=ANONYMISED,
        payee="",
        breakthrough=ANONYMISED,
        decision_note="",
        override_motivation="",
        cancellation_reason="",
        updated_at=stamp,
    )
    # Deviations: the rule and the dates stay for the bottleneck counts; the texts, and
    # with them the released example, go.
    Deviation.objects.filter(case_id__in=case_ids).update(
        what_differently=ANONYMISED,
        why_it_helps=ANONYMISED,
        rejection_reason="",
        share_as_example=False,
        updated_at=stamp,
    )
    # Effects: the amounts stay for the aggregate; the free-text note goes.
    TimelineEntry.objects.filter(case_id__in=case_ids).update(description="", updated_at=stamp)
    # Legal bases: which organisation, which law, the period and the decision stay (the
    # privacy officer may need to show a basis existed); the free texts go.
    LegalBasis.objects.filter(case_id__in=case_ids).update(
        motivation=ANONYMISED, decision_note="", end_reason="", updated_at=stamp
    )


def _anonymise_residents(candidates: set[UUID]) -> set[UUID]:
    """Anonymise the residents whose every case is now anonymised; returns their ids.
    Runs after the batch's cases are stamped, so 'no case left without a stamp' is
    exactly 'this batch held their last case'."""
    still_needed = Case.objects.filter(resident_id__in=candidates, anonymised_at__isnull=True)
    resident_ids = set(
        Resident.objects.filter(pk__in=candidates)
        .exclude(pk__in=still_needed.values("resident_id"))
        .values_list("id", flat=True)
    )
    if not resident_ids:
        return resident_ids
    stamp = timezone.now()
    Resident.objects.filter(pk__in=resident_ids).update(
        first_name=ANONYMISED,
        last_name="",
        search_name="",
        date_of_birth=None,
        phone="",
        email="",
        street="",
        postcode="",
        city="",
        address_note="",
        updated_at=stamp,
    )
    # Network persons stay as rows (actions and participants point at them, and
    # "network at the table" is a figure reports use); who they are goes.
    NetworkPerson.objects.filter(resident_id__in=resident_ids).update(
        name=ANONYMISED, relation="", phone="", updated_at=stamp
    )
    # The kind of need (interpreter, sign language) is kept for reports; the
    # free-text detail (which language, what works) goes.
    CommunicationNeed.objects.filter(resident_id__in=resident_ids).update(
        detail="", updated_at=stamp
    )
    _anonymise_consent(resident_ids, stamp)
    return resident_ids


def _anonymise_consent(resident_ids: set[UUID], stamp: datetime.datetime) -> None:
    """The consent history stays as rows (which organisations, for what purpose, valid
    when: the privacy officer may need to show a basis existed); the names of witness and
    withdrawer, the free-text purpose and the signed scan go. Scan files are deleted only
    once the transaction has committed, so a rolled-back batch leaves them in place."""
    versions = ConsentVersion.objects.filter(resident_id__in=resident_ids)
    scans = list(versions.exclude(scan="").values_list("scan", flat=True))
    versions.update(
        purpose=ANONYMISED,
        witness_name="",
        withdrawn_by="",
        scan="",
        scan_content_type="",
        updated_at=stamp,
    )
    if scans:
        transaction.on_commit(lambda: _delete_files(scans))


def _delete_files(names: list[str]) -> None:
    for name in names:
        private_storage.delete(name)
