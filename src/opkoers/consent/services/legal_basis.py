"""A legal basis is a decision: one person at the table requests it for an organisation,
with a motivation and an end date; a second person (the team's project leader or a
privacy officer, never the requester) approves or rejects it; an approved basis can be
ended early. Nothing is deleted: the row keeps its history and the audit log the old
and new values. Only an approved basis within its period counts for access
(`LegalBasis.objects.in_force`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.consent.legal_bases import StatutoryBasis
from opkoers.consent.models import OPEN_STATUSES, LegalBasis, LegalBasisStatus
from opkoers.consent.permissions import may_decide_legal_basis, may_end_legal_basis

if TYPE_CHECKING:
    from opkoers.accounts.models import Organisation, User
    from opkoers.consent.case import ConsentCase

DEFAULT_MAX_DAYS = 365
MAX_TEXT = 4000


def legal_basis_max_days() -> int:
    """How far ahead an end date may lie (OPKOERS["LEGAL_BASIS_MAX_DAYS"])."""
    return int(settings.OPKOERS.get("LEGAL_BASIS_MAX_DAYS", DEFAULT_MAX_DAYS))


def _snapshot(basis: LegalBasis) -> dict[str, Any]:
    # No free text: motivations and notes may describe the resident.
    return {
        "status": basis.status,
        "basis": basis.basis,
        "organisation": str(basis.organisation_id),
        "starts_on": basis.starts_on.isoformat(),
        "ends_on": basis.ends_on.isoformat(),
    }


def _locked(basis: LegalBasis) -> LegalBasis:
    """The row under a lock, so that two approvers clicking at once decide once."""
    return LegalBasis.objects.select_for_update().select_related("case").get(pk=basis.pk)


def request_legal_basis(
    *,
    case: ConsentCase,
    by: User,
    organisation: Organisation,
    basis: str,
    motivation: str,
    ends_on: datetime.date | None,
) -> LegalBasis:
    """The caller has checked cases.access `To.MANAGE_CONSENT` for `by` on the case."""
    from opkoers.consent.selectors import team_organisations

    if case.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten; er kan geen grondslag meer worden aangevraagd."),
            code="case_closed",
        )
    today = timezone.localdate()
    errors: dict[str, ValidationError] = {}
    if basis not in StatutoryBasis.values:
        errors["basis"] = ValidationError(
            _("Kies een wettelijke grondslag uit de lijst."), code="unknown_basis"
        )
    if not team_organisations(case).filter(pk=organisation.pk).exists():
        errors["organisation"] = ValidationError(
            _("Kies een organisatie die aan tafel zit bij dit traject."),
            code="organisation_not_at_table",
        )
    if not motivation.strip():
        errors["motivation"] = ValidationError(
            _("Schrijf waarom deze organisatie de gegevens op grond van deze wet nodig heeft."),
            code="motivation_required",
        )
    elif len(motivation) > MAX_TEXT:
        errors["motivation"] = ValidationError(
            _("De motivering is te lang: hoogstens %(n)s tekens.") % {"n": MAX_TEXT},
            code="motivation_too_long",
        )
    latest = today + datetime.timedelta(days=legal_basis_max_days())
    if ends_on is None:
        errors["ends_on"] = ValidationError(_("Vul een einddatum in."), code="ends_on_required")
    elif ends_on < today:
        errors["ends_on"] = ValidationError(
            _("De einddatum kan niet in het verleden liggen."), code="ends_in_past"
        )
    elif ends_on > latest:
        errors["ends_on"] = ValidationError(
            _("Een grondslag geldt hoogstens %(days)s dagen: kies uiterlijk %(latest)s.")
            % {"days": legal_basis_max_days(), "latest": date_format(latest, "j F Y")},
            code="ends_too_late",
        )
    if errors:
        raise ValidationError(errors)
    assert ends_on is not None
    already = ValidationError(
        {
            "organisation": ValidationError(
                _(
                    "Voor deze organisatie loopt al een aanvraag of geldt al een grondslag. "
                    "Beëindig die eerst."
                ),
                code="already_open",
            )
        }
    )
    with transaction.atomic():
        if LegalBasis.objects.filter(
            case_id=case.pk, organisation=organisation, status__in=OPEN_STATUSES
        ).exists():
            raise already
        try:
            with transaction.atomic():
                row = LegalBasis.objects.create(
                    case_id=case.pk,
                    organisation=organisation,
                    basis=basis,
                    motivation=motivation.strip(),
                    status=LegalBasisStatus.REQUESTED,
                    starts_on=today,
                    ends_on=ends_on,
                    requested_by=by,
                    requested_on=today,
                )
        except IntegrityError:
            # Two requests at the same moment: the partial unique index let one through.
            raise already from None
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="consent.legal_basis.request",
            case=case,
            obj=row,
            detail={"old": None, "new": _snapshot(row)},
        )
    return row


def _check_decider(basis: LegalBasis, by: User) -> None:
    if basis.requested_by_id == by.pk:
        raise ValidationError(
            _("U heeft deze grondslag zelf aangevraagd; iemand anders moet erover besluiten."),
            code="own_request",
        )
    if not may_decide_legal_basis(by, basis):
        raise ValidationError(
            _("Alleen de projectleider van het team of een privacyfunctionaris besluit hierover."),
            code="not_approver",
        )
    if basis.status != LegalBasisStatus.REQUESTED:
        raise ValidationError(
            _("Over deze aanvraag is al besloten."),
            code="not_pending",
        )


def _decide(
    *, legal_basis: LegalBasis, by: User, note: str, status: LegalBasisStatus, code: str
) -> LegalBasis:
    if len(note) > MAX_TEXT:
        raise ValidationError(
            {
                "note": ValidationError(
                    _("De toelichting is te lang: hoogstens %(n)s tekens.") % {"n": MAX_TEXT},
                    code="note_too_long",
                )
            }
        )
    with transaction.atomic():
        basis = _locked(legal_basis)
        _check_decider(basis, by)
        today = timezone.localdate()
        if status == LegalBasisStatus.APPROVED and basis.ends_on < today:
            raise ValidationError(
                _("De gevraagde einddatum is al voorbij. Vraag de grondslag opnieuw aan."),
                code="ends_in_past",
            )
        old = _snapshot(basis)
        basis.status = status
        basis.decided_by = by
        basis.decided_by_role = by.role
        basis.decided_at = timezone.now()
        basis.decision_note = note.strip()
        if status == LegalBasisStatus.APPROVED:
            # In force from the day of approval, never before.
            basis.starts_on = today
        basis.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_by_role",
                "decided_at",
                "decision_note",
                "starts_on",
                "updated_at",
            ]
        )
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code=code,
            case=basis.case,
            obj=basis,
            detail={"old": old, "new": _snapshot(basis)},
        )
    return basis


def approve_legal_basis(*, legal_basis: LegalBasis, by: User, note: str = "") -> LegalBasis:
    return _decide(
        legal_basis=legal_basis,
        by=by,
        note=note,
        status=LegalBasisStatus.APPROVED,
        code="consent.legal_basis.approve",
    )


def reject_legal_basis(*, legal_basis: LegalBasis, by: User, note: str) -> LegalBasis:
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Schrijf kort waarom u de aanvraag afwijst."), code="note_required"
                )
            }
        )
    return _decide(
        legal_basis=legal_basis,
        by=by,
        note=note,
        status=LegalBasisStatus.REJECTED,
        code="consent.legal_basis.reject",
    )


def end_legal_basis(*, legal_basis: LegalBasis, by: User, reason: str) -> LegalBasis:
    """Ends an approved basis now (the project leader, a privacy officer or the
    requester). Access stops on the next request."""
    if not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Schrijf kort waarom de grondslag eindigt."), code="reason_required"
                )
            }
        )
    if len(reason) > MAX_TEXT:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("De reden is te lang: hoogstens %(n)s tekens.") % {"n": MAX_TEXT},
                    code="reason_too_long",
                )
            }
        )
    with transaction.atomic():
        basis = _locked(legal_basis)
        if not may_end_legal_basis(by, basis):
            raise ValidationError(
                _(
                    "Alleen de aanvrager, de projectleider van het team of een "
                    "privacyfunctionaris kan deze grondslag beëindigen."
                ),
                code="not_allowed",
            )
        if basis.status != LegalBasisStatus.APPROVED:
            raise ValidationError(
                _("Deze grondslag geldt niet (meer) en kan dus niet worden beëindigd."),
                code="not_active",
            )
        old = _snapshot(basis)
        basis.status = LegalBasisStatus.ENDED
        basis.ended_by = by
        basis.ended_at = timezone.now()
        basis.end_reason = reason.strip()
        basis.save(update_fields=["status", "ended_by", "ended_at", "end_reason", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="consent.legal_basis.end",
            case=basis.case,
            obj=basis,
            detail={"old": old, "new": _snapshot(basis)},
        )
    return basis
