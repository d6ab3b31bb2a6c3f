"""Who may plan, record and follow up conversations of a case.

Anyone who may open the case may read its conversations (`get_case_for` decided that).
Writing is for the people at the table: the professionals on the case team and their
backups, so that a backup can make the follow-up call when the contact person is away.
A colleague in the same Op Koers team who is not at this table reads along."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.cases.permissions import can_edit_case

if TYPE_CHECKING:
    from opkoers.accounts.models import User

# Conversation kinds by case step. The first conversation belongs to its own step;
# follow-ups run while the plan does; a closing conversation only once the plan runs.
KINDS_BY_STATUS: dict[str, tuple[str, ...]] = {
    CaseStatus.FIRST_CONVERSATION: ("eerste",),
    CaseStatus.PLAN: ("vervolg",),
    CaseStatus.IN_PROGRESS: ("vervolg", "afsluitend"),
    CaseStatus.CLOSING: ("vervolg", "afsluitend"),
}


def is_at_table(user: User, case: Case) -> bool:
    return CaseTeamMember.objects.filter(case=case).filter(Q(user=user) | Q(backup=user)).exists()


def can_write_meetings(user: User, case: Case) -> bool:
    """Closed cases are read-only; only reopening changes them."""
    return can_edit_case(user, case) and is_at_table(user, case)


def allowed_kinds(case: Case) -> tuple[str, ...]:
    return KINDS_BY_STATUS.get(case.status, ())
