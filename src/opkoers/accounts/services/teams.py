"""Teams and who works in them. Team membership decides which cases a professional
sees, so every change here is audited."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opkoers.accounts.models import Team, TeamMembership, User
from opkoers.accounts.services._common import apply_changes
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

FOLLOW_UP_WORKING_DAYS_MAX = 20
NEXT_CONVERSATION_DAYS_MAX = 120
RETENTION_MONTHS_MIN = 6
RETENTION_MONTHS_MAX = 120


def _validate(
    *,
    name: str,
    municipality: str,
    follow_up_working_days: int,
    next_conversation_days: int,
    overleg_weekday: int,
    retention_months_after_closing: int = 24,
    exclude_pk: UUID | None = None,
) -> None:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Vul een naam in.")
    elif (
        Team.objects.filter(name__iexact=name)
        .exclude(pk__in=[exclude_pk] if exclude_pk else [])
        .exists()
    ):
        errors["name"] = _("Er bestaat al een team met deze naam.")
    if not municipality:
        errors["municipality"] = _("Vul de gemeente in.")
    if not 1 <= follow_up_working_days <= FOLLOW_UP_WORKING_DAYS_MAX:
        errors["follow_up_working_days"] = _(
            "Kies een aantal werkdagen van 1 tot en met %(max)d."
        ) % {"max": FOLLOW_UP_WORKING_DAYS_MAX}
    if not 1 <= next_conversation_days <= NEXT_CONVERSATION_DAYS_MAX:
        errors["next_conversation_days"] = _("Kies een aantal dagen van 1 tot en met %(max)d.") % {
            "max": NEXT_CONVERSATION_DAYS_MAX
        }
    if not 0 <= overleg_weekday <= 4:  # Monday to Friday
        errors["overleg_weekday"] = _("Kies een werkdag (maandag tot en met vrijdag).")
    if not RETENTION_MONTHS_MIN <= retention_months_after_closing <= RETENTION_MONTHS_MAX:
        errors["retention_months_after_closing"] = _(
            "Kies een bewaartermijn van %(min)d tot en met %(max)d maanden."
        ) % {"min": RETENTION_MONTHS_MIN, "max": RETENTION_MONTHS_MAX}
    if errors:
        raise ValidationError(errors)


def create_team(
    *,
    by: User,
    name: str,
    municipality: str,
    follow_up_working_days: int = 3,
    next_conversation_days: int = 14,
    overleg_weekday: int = 1,
    retention_months_after_closing: int = 24,
    accepts_self_registration: bool = False,
) -> Team:
    values = {
        "name": name.strip(),
        "municipality": municipality.strip(),
        "follow_up_working_days": follow_up_working_days,
        "next_conversation_days": next_conversation_days,
        "overleg_weekday": overleg_weekday,
        "retention_months_after_closing": retention_months_after_closing,
    }
    with transaction.atomic():
        _validate(**values)  # type: ignore[arg-type]
        try:
            with transaction.atomic():
                team = Team.objects.create(
                    **values, accepts_self_registration=accepts_self_registration
                )
        except IntegrityError as exc:
            raise ValidationError({"name": _("Er bestaat al een team met deze naam.")}) from exc
        record(actor=by, action=AuditAction.CREATE, code="accounts.team.create", obj=team)
    return team


def update_team(
    *,
    by: User,
    team: Team,
    name: str,
    municipality: str,
    follow_up_working_days: int,
    next_conversation_days: int,
    overleg_weekday: int,
    active: bool,
    retention_months_after_closing: int | None = None,
    accepts_self_registration: bool | None = None,
) -> Team:
    values = {
        "name": name.strip(),
        "municipality": municipality.strip(),
        "follow_up_working_days": follow_up_working_days,
        "next_conversation_days": next_conversation_days,
        "overleg_weekday": overleg_weekday,
    }
    with transaction.atomic():
        current = Team.objects.select_for_update().get(pk=team.pk)
        values["retention_months_after_closing"] = (
            current.retention_months_after_closing
            if retention_months_after_closing is None
            else retention_months_after_closing
        )
        _validate(**values, exclude_pk=current.pk)  # type: ignore[arg-type]
        if current.active and not active and _has_open_cases(current):
            raise ValidationError(
                {
                    "active": _(
                        "Dit team heeft nog lopende trajecten. Rond die eerst af voordat u "
                        "het team deactiveert."
                    )
                }
            )
        self_registration = (
            current.accepts_self_registration
            if accepts_self_registration is None
            else accepts_self_registration
        )
        changed = apply_changes(
            current,
            {**values, "active": active, "accepts_self_registration": self_registration},
        )
        if changed:
            current.save(update_fields=[*changed, "updated_at"])
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="accounts.team.update",
                obj=current,
                detail={"changed": changed},
            )
    return current


def _has_open_cases(team: Team) -> bool:
    from opkoers.cases.models import Case  # cases depends on accounts, not the reverse

    return Case.objects.filter(team=team).open().exists()


def add_member(*, by: User, team: Team, user: User) -> TeamMembership:
    """Idempotent for a double click; refuses people or teams that are switched off."""
    if not user.is_active:
        raise ValidationError(_("Deze gebruiker is gedeactiveerd en kan geen teamlid worden."))
    if not team.active:
        raise ValidationError(_("Dit team is gedeactiveerd; er kunnen geen leden bij."))
    with transaction.atomic():
        membership, created = TeamMembership.objects.get_or_create(user=user, team=team)
        if created:
            record(
                actor=by,
                action=AuditAction.CREATE,
                code="accounts.membership.add",
                obj=membership,
                detail={"team": str(team.pk), "user": user.pk},
            )
    return membership


def remove_member(*, by: User, team: Team, user: User) -> bool:
    """Returns whether there was a membership to remove."""
    with transaction.atomic():
        membership = TeamMembership.objects.filter(user=user, team=team).first()
        if membership is None:
            return False
        record(
            actor=by,
            action=AuditAction.DELETE,
            code="accounts.membership.remove",
            obj=membership,
            detail={"team": str(team.pk), "user": user.pk},
        )
        membership.delete()
    return True
