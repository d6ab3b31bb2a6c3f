"""The case team (casusteam): the professionals at the table for one case, each with
their role, one of them the resident's contact person, each with a backup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.accounts.models import TeamMembership
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case, CaseTeamMember

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def _locked(case: Case, by: User, to: To = To.MANAGE_TEAM) -> Case:
    # Locking the case serialises every change to its team: two people switching the
    # contact person at once cannot leave the case with none or two.
    return lock_case(case=case, by=by, to=to).case


def _refuse_closed(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten en kan niet meer worden gewijzigd. Heropen het eerst.")
        )


def _works_in_team(user: User, case: Case) -> bool:
    return (
        user.is_active
        and user.works_on_cases
        and TeamMembership.objects.filter(team_id=case.team_id, user=user).exists()
    )


def _member_of(case: Case, member: CaseTeamMember) -> CaseTeamMember:
    try:
        return CaseTeamMember.objects.select_related("user").get(pk=member.pk, case=case)
    except CaseTeamMember.DoesNotExist as exc:
        raise ValidationError(_("Deze persoon zit niet in het casusteam van dit traject.")) from exc


def _validate_backup(case: Case, user: User, backup: User | None) -> None:
    if backup is None:
        return
    if backup.pk == user.pk:
        raise ValidationError(_("Iemand kan niet zijn of haar eigen vervanger zijn."))
    if not _works_in_team(backup, case):
        raise ValidationError(_("Een vervanger moet een professional uit het team zijn."))


def _make_contact(case: Case, member: CaseTeamMember) -> None:
    # One contact person per case is a partial unique constraint: unset first.
    CaseTeamMember.objects.filter(case=case, is_contact_person=True).exclude(pk=member.pk).update(
        is_contact_person=False
    )
    if not member.is_contact_person:
        member.is_contact_person = True
        member.save(update_fields=["is_contact_person", "updated_at"])


def add_member(
    *,
    case: Case,
    user: User,
    role_on_case: str,
    by: User,
    backup: User | None = None,
    make_contact: bool = False,
) -> CaseTeamMember:
    """Add a professional of the case's team. The first member, or one added with
    `make_contact`, becomes the contact person."""
    role_on_case = role_on_case.strip()
    if not role_on_case:
        raise ValidationError(_("Vul de rol in dit traject in, bijvoorbeeld ‘werkcoach’."))
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        if not _works_in_team(user, locked):
            raise ValidationError(
                _("Alleen professionals uit het team %(team)s kunnen in het casusteam.")
                % {"team": locked.team.name}
            )
        if CaseTeamMember.objects.filter(case=locked, user=user).exists():
            raise ValidationError(_("%(name)s zit al in het casusteam.") % {"name": user})
        _validate_backup(locked, user, backup)
        has_contact = CaseTeamMember.objects.filter(case=locked, is_contact_person=True).exists()
        member = CaseTeamMember.objects.create(
            case=locked, user=user, role_on_case=role_on_case, backup=backup
        )
        if make_contact or not has_contact:
            _make_contact(locked, member)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="case.team.add",
            case=locked,
            obj=member,
            detail={"user": str(user.pk), "contact_person": member.is_contact_person},
        )
    return member


def set_contact_person(*, case: Case, member: CaseTeamMember, by: User) -> CaseTeamMember:
    """Make `member` the contact person; the previous one stays in the team."""
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        member = _member_of(locked, member)
        previous = (
            CaseTeamMember.objects.filter(case=locked, is_contact_person=True)
            .values_list("user_id", flat=True)
            .first()
        )
        _make_contact(locked, member)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.team.contact",
            case=locked,
            obj=member,
            detail={"user": str(member.user_id), "previous": str(previous) if previous else None},
        )
    return member


def update_member(
    *, case: Case, member: CaseTeamMember, role_on_case: str, backup: User | None, by: User
) -> CaseTeamMember:
    """Change a member's role on the case and their backup."""
    role_on_case = role_on_case.strip()
    if not role_on_case:
        raise ValidationError(_("Vul de rol in dit traject in, bijvoorbeeld ‘werkcoach’."))
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        member = _member_of(locked, member)
        _validate_backup(locked, member.user, backup)
        member.role_on_case = role_on_case
        member.backup = backup
        member.save(update_fields=["role_on_case", "backup", "updated_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.team.update",
            case=locked,
            obj=member,
            detail={"user": str(member.user_id), "backup": str(backup.pk) if backup else None},
        )
    return member


def set_backup(
    *, case: Case, member: CaseTeamMember, backup: User | None, by: User
) -> CaseTeamMember:
    return update_member(
        case=case, member=member, role_on_case=member.role_on_case, backup=backup, by=by
    )


def remove_member(
    *, case: Case, member: CaseTeamMember, by: User, new_contact: CaseTeamMember | None = None
) -> None:
    """Take someone off the case team. The contact person leaves only when a new one is
    named in the same step: the resident is never without a contact person."""
    with transaction.atomic():
        locked = _locked(case, by)
        _refuse_closed(locked)
        member = _member_of(locked, member)
        if member.is_contact_person:
            if new_contact is None:
                raise ValidationError(
                    _(
                        "%(name)s is de contactpersoon. Kies eerst wie de nieuwe "
                        "contactpersoon wordt."
                    )
                    % {"name": member.user}
                )
            new_contact = _member_of(locked, new_contact)
            if new_contact.pk == member.pk:
                raise ValidationError(
                    _("Kies een ander lid van het casusteam als nieuwe contactpersoon.")
                )
        else:
            new_contact = None
        user_id = member.user_id
        member.delete()
        if new_contact is not None and not new_contact.is_contact_person:
            _make_contact(locked, new_contact)
        record(
            actor=by,
            action=AuditAction.DELETE,
            code="case.team.remove",
            case=locked,
            detail={
                "user": str(user_id),
                "new_contact": str(new_contact.user_id) if new_contact else None,
            },
        )
