"""The plan's own state rule: when the Samen1plan can be changed at all.

Who may read or change it is decided in `cases.access`: anyone who may see the case's
personal data reads the plan; writing is for the professionals on the case team
(`To.WRITE_ON_CASE_TEAM`). The issue says "everyone on the case team can add actions",
and a colleague in the same Op Koers team who is not on the case team reads along but
does not change another table's agreements."""

from __future__ import annotations

from opkoers.cases.models import Case, CaseStatus

# The plan is drawn up in step 4 and stays a working document until the case closes.
PLAN_OPEN_STATUSES = frozenset({CaseStatus.PLAN, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING})


def plan_is_open(case: Case) -> bool:
    return case.status in PLAN_OPEN_STATUSES
