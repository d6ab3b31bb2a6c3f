"""Who may do what with a case. Predicates only; every view asks these.

Consent (issue 3) comes on top in `get_case_for`: a team member whose organisation is
not covered by the resident's consent (or a legal basis) gets the restricted view."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import Http404

from opkoers.cases.models import Case
from opkoers.consent.permissions import PersonalDataRestricted, may_see_personal_data

if TYPE_CHECKING:
    from opkoers.accounts.models import User


def can_view_case(user: User, case: Case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def can_edit_case(user: User, case: Case) -> bool:
    """Closed cases are read-only; only reopening changes them."""
    return not case.is_closed and user.works_on_cases


def can_register(user: User) -> bool:
    return user.is_authenticated and user.works_on_cases and user.teams.exists()


def can_reopen_case(user: User, case: Case) -> bool:
    return case.is_closed and not case.is_anonymised and user.works_on_cases


def may_pick_up(user: User, case: Case) -> bool:
    """A registration nobody has taken up yet: any professional of the team may start its
    intake from the intake queue and so become its contact person."""
    from opkoers.cases.models import CaseStatus, CaseTeamMember

    return (
        case.status == CaseStatus.REGISTERED
        and user.works_on_cases
        and not CaseTeamMember.objects.filter(case=case, is_contact_person=True).exists()
    )


def get_case_for(user: User, case_id: UUID | str, *, personal_data: bool = True) -> Case:
    """The only way views fetch a case: 404 for anyone who may not see it, so that an
    outsider cannot even learn that the case exists. A team member without consent
    coverage gets PersonalDataRestricted (rendered as the restricted view, 403).

    `personal_data=False` is only for the consent pages, which show no personal data
    and must stay reachable so that consent can be recorded in the first place."""
    try:
        case = Case.objects.visible_to(user).select_related("resident", "team").get(pk=case_id)
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if personal_data and not may_see_personal_data(user, case):
        raise PersonalDataRestricted(case)
    return case
