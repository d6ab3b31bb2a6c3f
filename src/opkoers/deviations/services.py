"""Every change to the deviation register, in one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.budgets.permissions import can_manage_budget, leads_team
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case
from opkoers.core.validation import required_text as _text
from opkoers.deviations.models import Deviation, DeviationStatus, Rule, TeamDeviationPolicy

if TYPE_CHECKING:
    from opkoers.accounts.models import Team, User


def approval_required(team_id: UUID | str) -> bool:
    policy = TeamDeviationPolicy.objects.filter(team_id=team_id).first()
    return True if policy is None else policy.approval_required


def find_or_add_rule(*, name: str, regulation: str, article: str, by: User) -> Rule:
    """The catalogue grows from practice: a rule typed again (in any capitalisation)
    is the same rule, so the bottleneck overview counts it once."""
    clean_name = _text(
        name, message=_("Vul de regel of procedure in."), code="rule", max_length=200
    )
    clean_regulation = (regulation or "").strip()[:200]
    clean_article = (article or "").strip()[:60]
    existing = (
        Rule.objects.annotate(n=Lower("name"), r=Lower("regulation"), a=Lower("article"))
        .filter(n=clean_name.lower(), r=clean_regulation.lower(), a=clean_article.lower())
        .first()
    )
    if existing:
        return existing
    try:
        with transaction.atomic():
            rule = Rule.objects.create(
                name=clean_name, regulation=clean_regulation, article=clean_article, created_by=by
            )
            record(
                actor=by,
                action=AuditAction.CREATE,
                code="deviation.rule.create",
                obj=rule,
                detail={"name": clean_name},
            )
            return rule
    except IntegrityError:
        # Typed by someone else a moment ago.
        return Rule.objects.annotate(
            n=Lower("name"), r=Lower("regulation"), a=Lower("article")
        ).get(n=clean_name.lower(), r=clean_regulation.lower(), a=clean_article.lower())


def _identifying_words(case: Case) -> list[str]:
    resident = case.resident
    words = [case.reference, resident.first_name, resident.last_name]
    return [w for w in (w.strip() for w in words) if len(w) >= 3]


def _check_shareable(case: Case, *texts: str) -> None:
    """An example for policy staff must not name the resident: refuse texts that
    contain the resident's name or the case reference. This catches the common slip;
    the form tells the author to write without names, places or dates."""
    for word in _identifying_words(case):
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        if any(pattern.search(text) for text in texts):
            raise ValidationError(
                _(
                    "De tekst noemt de naam van de inwoner of het kenmerk van het traject. "
                    "Haal die weg, of deel de afwijking niet als voorbeeld met beleid."
                ),
                code="identifying",
            )


def register_deviation(
    *,
    case: Case,
    by: User,
    rule: Rule,
    what_differently: str,
    why_it_helps: str,
    mandate: str,
    decided_by: str,
    decided_on: dt.date,
    share_as_example: bool = False,
) -> Deviation:
    what = _text(what_differently, message=_("Beschrijf wat er anders is gedaan."), code="what")
    why = _text(why_it_helps, message=_("Beschrijf waarom dit de inwoner helpt."), code="why")
    clean_mandate = _text(mandate, message=_("Vul het mandaat in."), code="mandate", max_length=300)
    who = _text(decided_by, message=_("Vul in wie besloot."), code="decided_by", max_length=200)
    if decided_on > timezone.localdate():
        raise ValidationError(_("De besluitdatum kan niet in de toekomst liggen."), code="future")
    with transaction.atomic():
        access = lock_case(case=case, by=by)
        locked = access.case
        access.require(To.WRITE_ON_CASE_TEAM)
        if share_as_example:
            _check_shareable(locked, what, why)
        status = (
            DeviationStatus.PENDING
            if approval_required(locked.team_id)
            else DeviationStatus.REGISTERED
        )
        deviation = Deviation.objects.create(
            case=locked,
            team_id=locked.team_id,
            rule=rule,
            what_differently=what,
            why_it_helps=why,
            mandate=clean_mandate,
            decided_by=who,
            decided_on=decided_on,
            share_as_example=share_as_example,
            status=status,
            registered_by=by,
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="deviation.create",
            case=locked,
            obj=deviation,
            detail={"rule": str(rule.pk), "status": status},
        )
    return deviation


def _open_for_approval(deviation: Deviation, by: User) -> Deviation:
    locked = Deviation.objects.select_for_update().get(pk=deviation.pk)
    if not leads_team(by, locked.team_id):
        raise PermissionDenied(_("Alleen de projectleider van het team keurt afwijkingen goed."))
    if locked.registered_by_id == by.pk:
        raise PermissionDenied(_("Vier ogen: u kunt uw eigen afwijking niet goedkeuren."))
    # The team-level rule above; break-glass never stands behind an approval.
    lock_case(case=locked.case, by=by, to=To.DECIDE)
    if locked.status != DeviationStatus.PENDING:
        raise ValidationError(_("Over deze afwijking is al besloten."), code="decided")
    return locked


def approve_deviation(*, deviation: Deviation, by: User) -> Deviation:
    with transaction.atomic():
        locked = _open_for_approval(deviation, by)
        locked.status = DeviationStatus.APPROVED
        locked.approved_by = by
        locked.approved_at = timezone.now()
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="deviation.approve",
            case=locked.case,
            obj=locked,
        )
    return locked


def reject_deviation(*, deviation: Deviation, by: User, reason: str) -> Deviation:
    text = _text(reason, message=_("Geef een reden voor de afwijzing."), code="reason")
    with transaction.atomic():
        locked = _open_for_approval(deviation, by)
        locked.status = DeviationStatus.REJECTED
        locked.approved_by = by
        locked.approved_at = timezone.now()
        locked.rejection_reason = text
        locked.save()
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="deviation.reject",
            case=locked.case,
            obj=locked,
        )
    return locked


def set_approval_required(*, team: Team, required: bool, by: User) -> TeamDeviationPolicy:
    if not can_manage_budget(by, team):
        raise PermissionDenied
    with transaction.atomic():
        policy, _created = TeamDeviationPolicy.objects.select_for_update().get_or_create(team=team)
        policy.approval_required = required
        policy.save(update_fields=["approval_required", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="deviation.policy.set",
            obj=policy,
            detail={"team": str(team.pk), "approval_required": required},
        )
    return policy
