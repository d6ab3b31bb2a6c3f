"""The meetings' own state rule: which conversations a case's step allows.

Who may read or write is decided in `cases.access`: anyone who may see the case's
personal data reads its conversations; writing is for the people at the table
(`To.WRITE_AT_TABLE`): the professionals on the case team and their backups, so that a
backup can make the follow-up call when the contact person is away. A colleague in the
same Op Koers team who is not at this table reads along."""

from __future__ import annotations

from opkoers.cases.models import Case, CaseStatus

# Conversation kinds by case step. The first conversation belongs to its own step;
# follow-ups run while the plan does; a closing conversation only once the plan runs.
KINDS_BY_STATUS: dict[str, tuple[str, ...]] = {
    CaseStatus.FIRST_CONVERSATION: ("eerste",),
    CaseStatus.PLAN: ("vervolg",),
    CaseStatus.IN_PROGRESS: ("vervolg", "afsluitend"),
    CaseStatus.CLOSING: ("vervolg", "afsluitend"),
}


def allowed_kinds(case: Case) -> tuple[str, ...]:
    return KINDS_BY_STATUS.get(case.status, ())
