"""Reads for the intake page, the case team page and the duplicate warning. Query
counts are fixed, whatever the number of domains, needs, network persons or members."""

from __future__ import annotations

from dataclasses import dataclass, field

from opkoers.accounts.models import Role, User
from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseDomain,
    CaseTeamMember,
    DomainAssessment,
)
from opkoers.cases.services.intake import missing_in
from opkoers.core.models import LifeDomain
from opkoers.residents.models import CommunicationNeed, NetworkPerson

# The roles that work on cases (User.works_on_cases), as a filter.
CASE_ROLES = [Role.PROFESSIONAL, Role.PROJECT_LEADER]
_DOMAIN_ORDER = {d.value: i for i, d in enumerate(LifeDomain)}


@dataclass
class IntakeRow:
    domain: str
    label: str
    assessment: DomainAssessment | None

    @property
    def story(self) -> str:
        return self.assessment.story if self.assessment else ""

    @property
    def priority(self) -> int | None:
        return self.assessment.priority if self.assessment else None

    @property
    def zrm_score(self) -> int | None:
        return self.assessment.zrm_score if self.assessment else None

    @property
    def zrm_label(self) -> str:
        return self.assessment.get_zrm_score_display() if self.assessment else ""


@dataclass
class IntakePage:
    rows: list[IntakeRow]
    addable: list[tuple[str, str]]
    communication_needs: list[CommunicationNeed]
    network: list[NetworkPerson]
    missing: list[str] = field(default_factory=list)

    @property
    def ranked_rows(self) -> list[IntakeRow]:
        """The rows in the resident's order of priority, unranked ones last."""
        return sorted(
            self.rows, key=lambda r: (r.priority is None, r.priority or 0, _DOMAIN_ORDER[r.domain])
        )


def intake_page(case: Case) -> IntakePage:
    """The case's life domains (and any domain that already has an intake assessment),
    in the ZRM order, with what was recorded so far."""
    assessments = {
        a.domain: a
        for a in DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.INTAKE)
    }
    domains = set(CaseDomain.objects.filter(case=case).values_list("domain", flat=True))
    domains |= set(assessments)
    rows = [
        IntakeRow(domain=d.value, label=str(d.label), assessment=assessments.get(d.value))
        for d in LifeDomain
        if d.value in domains
    ]
    return IntakePage(
        rows=rows,
        addable=[(d.value, str(d.label)) for d in LifeDomain if d.value not in domains],
        communication_needs=list(CommunicationNeed.objects.filter(resident_id=case.resident_id)),
        network=list(NetworkPerson.objects.filter(resident_id=case.resident_id)),
        missing=missing_in(list(assessments.values()), case.ladder_at_intake),
    )


@dataclass
class TeamPage:
    members: list[CaseTeamMember]
    candidates: list[User]
    """Professionals of the case's Op Koers team: who can join, or be someone's backup."""

    @property
    def contact(self) -> CaseTeamMember | None:
        return next((m for m in self.members if m.is_contact_person), None)

    @property
    def addable(self) -> list[User]:
        on_case = {m.user_id for m in self.members}
        return [u for u in self.candidates if u.pk not in on_case]


def team_candidates(case: Case) -> list[User]:
    return list(
        User.objects.filter(
            memberships__team_id=case.team_id,
            is_active=True,
            role__in=CASE_ROLES,
        )
        .select_related("organisation")
        .order_by("first_name", "last_name", "pk")
    )


def team_page(case: Case) -> TeamPage:
    members = list(
        CaseTeamMember.objects.filter(case=case)
        .select_related("user", "user__organisation", "backup")
        .order_by("-is_contact_person", "created_at")
    )
    return TeamPage(members=members, candidates=team_candidates(case))
