"""Who may change a case's Samen1plan.

Anyone who may open the case may read its plan (the case page already decided that).
Writing is for the professionals at the table for this case: the issue says "everyone on
the case team can add actions", and a colleague in the same Op Koers team who is not on
the case team reads along but does not change another table's agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.cases.permissions import can_edit_case

if TYPE_CHECKING:
    from opkoers.accounts.models import User

# The plan is drawn up in step 4 and stays a working document until the case closes.
PLAN_OPEN_STATUSES = frozenset({CaseStatus.PLAN, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING})


def is_on_case_team(user: User, case: Case) -> bool:
    return CaseTeamMember.objects.filter(case=case, user=user).exists()


def plan_is_open(case: Case) -> bool:
    return case.status in PLAN_OPEN_STATUSES


def can_edit_plan(user: User, case: Case) -> bool:
    return can_edit_case(user, case) and plan_is_open(case) and is_on_case_team(user, case)
