"""Who decides on legal bases: the approvers' queue and the four-eyes rule.

Who may see a case's personal data is decided in cases/access.py, which counts only an
approved basis in force (`LegalBasis.objects.in_force`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.consent.case import ConsentCase
    from opkoers.consent.models import LegalBasis


def legal_bases_visible_condition(user: User) -> Q:
    """A filter on LegalBasis rows: the ones `user` decides on (queue, approve, reject,
    end). A privacy officer: all; a project leader: those of cases of their teams;
    anyone else: none."""
    from opkoers.accounts.models import Role

    role = getattr(user, "role", None)
    if role == Role.PRIVACY_OFFICER:
        return Q(pk__isnull=False)
    if role == Role.PROJECT_LEADER:
        return Q(case__team__memberships__user=user)
    return Q(pk__in=[])


def may_approve_legal_bases(user: User) -> bool:
    """May open the approvers' queue at all."""
    from opkoers.accounts.models import Role

    return getattr(user, "role", None) in {Role.PRIVACY_OFFICER, Role.PROJECT_LEADER}


def may_decide_legal_basis(user: User, basis: LegalBasis) -> bool:
    """The role half of the four-eyes rule; the service adds "never the requester"."""
    from opkoers.accounts.models import Role, TeamMembership

    role = getattr(user, "role", None)
    if role == Role.PRIVACY_OFFICER:
        return True
    if role == Role.PROJECT_LEADER:
        return TeamMembership.objects.filter(user=user, team_id=basis.case.team_id).exists()
    return False


def may_end_legal_basis(user: User, basis: LegalBasis) -> bool:
    return basis.requested_by_id == user.pk or may_decide_legal_basis(user, basis)


def endable_legal_basis_ids(user: User, case: ConsentCase, bases: list[LegalBasis]) -> set[Any]:
    """Which of this case's approved bases `user` may end, for the consent page: at most
    one query, however many bases."""
    from opkoers.accounts.models import Role, TeamMembership
    from opkoers.consent.models import LegalBasisStatus

    approved = [b for b in bases if b.status == LegalBasisStatus.APPROVED]
    role = getattr(user, "role", None)
    if role == Role.PRIVACY_OFFICER or (
        approved
        and role == Role.PROJECT_LEADER
        and TeamMembership.objects.filter(user=user, team_id=case.team_id).exists()
    ):
        return {b.pk for b in approved}
    return {b.pk for b in approved if b.requested_by_id == user.pk}
