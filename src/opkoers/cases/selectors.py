"""Reads for the case pages. Each function's query count is pinned in tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opkoers.cases.models import Case, CaseStatus, CaseTeamMember
from opkoers.residents.models import CommunicationNeed

STEP_ORDER = [
    CaseStatus.REGISTERED,
    CaseStatus.INTAKE,
    CaseStatus.FIRST_CONVERSATION,
    CaseStatus.PLAN,
    CaseStatus.IN_PROGRESS,
    CaseStatus.CLOSING,
    CaseStatus.CLOSED,
]

NEXT_STEP_TEXT = {
    CaseStatus.REGISTERED: _("Bespreek de aanmelding in het teamoverleg en start de intake."),
    CaseStatus.INTAKE: _(
        "Breng per leefgebied de vraag in kaart, met scores, en rond de intake af."
    ),
    CaseStatus.FIRST_CONVERSATION: _(
        "Plan het eerste gesprek met de inwoner, het netwerk en de professionals."
    ),
    CaseStatus.PLAN: _("Stel samen met de inwoner het Samen1plan op en leg het vast."),
    CaseStatus.IN_PROGRESS: _("Bel na, werk de acties af en plan zo nodig een vervolggesprek."),
    CaseStatus.CLOSING: _(
        "Leg de uitkomst per doel, de resultaten en de evaluatie vast, en rond af."
    ),
    CaseStatus.CLOSED: _("Dit traject is afgesloten. Heropenen kan met een reden."),
}


@dataclass
class StepView:
    label: str
    done: bool
    current: bool


@dataclass
class CaseHeader:
    case: Case
    steps: list[StepView]
    next_step: str
    team_members: list[CaseTeamMember]
    contact_person: CaseTeamMember | None
    communication_needs: list[CommunicationNeed]
    domains: list[str] = field(default_factory=list)
    possible_duplicates: list[Case] = field(default_factory=list)


def case_header(case: Case) -> CaseHeader:
    """What every case page shows at the top: where the case is, what comes next, who is
    at the table and how to communicate with the resident."""
    members = list(
        CaseTeamMember.objects.filter(case=case).select_related(
            "user", "user__organisation", "backup"
        )
    )
    needs = list(CommunicationNeed.objects.filter(resident_id=case.resident_id))
    domains = [d.get_domain_display() for d in case.domains.all()]
    position = STEP_ORDER.index(CaseStatus(case.status))
    steps = [
        StepView(label=str(s.label), done=i < position, current=i == position)
        for i, s in enumerate(STEP_ORDER)
    ]
    return CaseHeader(
        case=case,
        steps=steps,
        next_step=str(NEXT_STEP_TEXT[CaseStatus(case.status)]),
        team_members=members,
        contact_person=next((m for m in members if m.is_contact_person), None),
        communication_needs=needs,
        domains=[str(d) for d in domains],
        possible_duplicates=possible_duplicates(case),
    )


def possible_duplicates(case: Case) -> list[Case]:
    """Cases that may be the same person. Registration flags both cases (see
    services/registration.py flag_back), so an unflagged case costs no query; a flagged
    one also lists any other case flagged against it. Same team only."""
    if not case.possible_duplicate_of_id:
        return []
    return list(
        Case.objects.filter(
            Q(pk=case.possible_duplicate_of_id) | Q(possible_duplicate_of=case),
            team_id=case.team_id,
        )
        .exclude(pk=case.pk)
        .only("id", "reference", "status", "registered_at")
        .order_by("-registered_at")
    )
