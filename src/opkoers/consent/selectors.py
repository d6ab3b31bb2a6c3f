"""Reads for the consent pages and the case page section."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from opkoers.accounts.models import Organisation, User
from opkoers.consent import legal_bases as registry
from opkoers.consent.models import ConsentVersion, LegalBasis, LegalBasisStatus
from opkoers.consent.permissions import legal_bases_visible_condition

if TYPE_CHECKING:
    from opkoers.consent.case import ConsentCase

EXPIRY_WARNING_DAYS = 30
# The approvers' queue: a basis ending within this many days is listed apart.
ENDING_SOON_DAYS = 30
QUEUE_LIMIT = 200


@dataclass
class ConsentOverview:
    current: ConsentVersion | None
    history: list[ConsentVersion]
    # Every basis of the case, history included, newest first per organisation.
    legal_bases: list[LegalBasis]
    is_valid: bool
    expires_soon: bool
    # Team members whose organisation is covered by neither consent nor legal basis.
    uncovered: list[User] = field(default_factory=list)
    # Approved and current today: the only ones that count for access.
    in_force: list[LegalBasis] = field(default_factory=list)

    @property
    def problem(self) -> str:
        """'missing', 'withdrawn', 'expired' or '' (fine)."""
        if self.current is None:
            return "missing"
        if self.current.withdrawn_on is not None:
            return "withdrawn"
        if not self.is_valid:
            return "expired"
        return ""


def consent_overview(case: ConsentCase, today: datetime.date | None = None) -> ConsentOverview:
    """A fixed number of queries whatever the number of versions and organisations."""
    today = today or timezone.localdate()
    versions = list(
        ConsentVersion.objects.filter(resident_id=case.resident_id)
        .select_related("recorded_by", "withdrawal_recorded_by")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-number")
    )
    current = next((v for v in versions if v.is_current), None)
    bases = list(
        LegalBasis.objects.filter(case_id=case.pk)
        .select_related("organisation", "requested_by", "decided_by", "ended_by")
        .order_by("organisation__name", "-requested_on", "-created_at")
    )
    in_force = [b for b in bases if b.is_in_force(today)]
    covered = (
        {o.pk for o in current.organisations.all()}
        if current and current.is_valid_on(today)
        else set()
    )
    covered |= {b.organisation_id for b in in_force}
    # The case team by lazy model reference: consent does not import cases.
    case_team = apps.get_model("cases", "CaseTeamMember")._default_manager
    members = [
        m.user
        for m in case_team.filter(case_id=case.pk)
        .select_related("user", "user__organisation")
        .order_by("created_at")
    ]
    valid = current is not None and current.is_valid_on(today)
    return ConsentOverview(
        current=current,
        history=[v for v in versions if not v.is_current],
        legal_bases=bases,
        is_valid=valid,
        expires_soon=bool(
            valid
            and current is not None
            and current.valid_until <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        ),
        uncovered=[u for u in members if u.organisation_id not in covered],
        in_force=in_force,
    )


def team_organisations(case: ConsentCase) -> QuerySet[Organisation]:
    """The organisations of the people in the case's Op Koers team (and its case team):
    the ones the printed form lists and the record form offers."""
    return (
        Organisation.objects.filter(
            Q(users__memberships__team_id=case.team_id) | Q(users__case_memberships__case=case)
        )
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class ResidentLegalBasis:
    """One legal basis as the resident's overview shows it: no codes, no ids."""

    case_reference: str
    organisation: str
    basis: str
    article: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    decided_by_role: str


def _status_label(basis: LegalBasis, today: datetime.date) -> str:
    from django.utils.translation import gettext as _

    if basis.is_expired(today):
        return _("Verlopen")
    return basis.get_status_display()


def legal_bases_for_resident(resident_id: Any) -> list[ResidentLegalBasis]:
    """Every legal basis on any case of the resident, history included: the resident's
    overview shows on what ground which organisation processes (or processed) their
    data. One query."""
    from opkoers.accounts.models import Role

    today = timezone.localdate()
    roles = dict(Role.choices)
    rows = (
        LegalBasis.objects.filter(case__resident_id=resident_id)
        .select_related("organisation", "case")
        .only(
            "basis",
            "status",
            "starts_on",
            "ends_on",
            "decided_by_role",
            "requested_on",
            "organisation__name",
            "case__reference",
        )
        .order_by("-requested_on", "organisation__name")
    )
    return [
        ResidentLegalBasis(
            case_reference=b.case.reference,
            organisation=b.organisation.name,
            basis=registry.label(b.basis),
            article=registry.article(b.basis),
            starts_on=b.starts_on,
            ends_on=b.ends_on,
            status=_status_label(b, today),
            decided_by_role=str(roles.get(b.decided_by_role, "")),
        )
        for b in rows
    ]


@dataclass
class ApprovalQueue:
    pending: list[LegalBasis]
    active: list[LegalBasis]
    ending_soon: list[LegalBasis]


def approval_queue(user: User, today: datetime.date | None = None) -> ApprovalQueue:
    """The approvers' page: requests waiting for a decision, bases in force, and those
    ending within ENDING_SOON_DAYS. The project leader sees their teams', the privacy
    officer all. One query, whatever the number of rows (at most QUEUE_LIMIT)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    rows = list(
        LegalBasis.objects.filter(legal_bases_visible_condition(user))
        .filter(
            Q(status=LegalBasisStatus.REQUESTED)
            | Q(status=LegalBasisStatus.APPROVED, starts_on__lte=today, ends_on__gte=today)
        )
        .select_related("case", "case__team", "organisation", "requested_by", "decided_by")
        .order_by("ends_on", "case__reference")[:QUEUE_LIMIT]
    )
    return ApprovalQueue(
        pending=[b for b in rows if b.status == LegalBasisStatus.REQUESTED],
        active=[b for b in rows if b.status == LegalBasisStatus.APPROVED and b.ends_on > soon],
        ending_soon=[
            b for b in rows if b.status == LegalBasisStatus.APPROVED and b.ends_on <= soon
        ],
    )
