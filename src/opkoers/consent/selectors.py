"""Reads for the consent pages and the case page section."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from opkoers.accounts.models import Organisation, User
from opkoers.cases.models import Case
from opkoers.consent.models import ConsentVersion, LegalBasis

EXPIRY_WARNING_DAYS = 30


@dataclass
class ConsentOverview:
    current: ConsentVersion | None
    history: list[ConsentVersion]
    legal_bases: list[LegalBasis]
    is_valid: bool
    expires_soon: bool
    # Team members whose organisation is covered by neither consent nor legal basis.
    uncovered: list[User] = field(default_factory=list)

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


def consent_overview(case: Case, today: datetime.date | None = None) -> ConsentOverview:
    """A fixed number of queries whatever the number of versions and organisations."""
    today = today or timezone.localdate()
    versions = list(
        ConsentVersion.objects.filter(resident_id=case.resident_id)
        .select_related("recorded_by", "withdrawal_recorded_by")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-number")
    )
    current = next((v for v in versions if v.is_current), None)
    bases = list(LegalBasis.objects.filter(case=case).select_related("organisation", "recorded_by"))
    covered = (
        {o.pk for o in current.organisations.all()}
        if current and current.is_valid_on(today)
        else set()
    )
    covered |= {b.organisation_id for b in bases}
    members = [
        m.user
        for m in case.team_members.select_related("user", "user__organisation").order_by(
            "created_at"
        )
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
    )


def team_organisations(case: Case) -> QuerySet[Organisation]:
    """The organisations of the people in the case's Op Koers team (and its case team):
    the ones the printed form lists and the record form offers."""
    return (
        Organisation.objects.filter(
            Q(users__memberships__team_id=case.team_id) | Q(users__case_memberships__case=case)
        )
        .distinct()
        .order_by("name")
    )


def consent_problems_for_contact(user: User) -> list[Case]:
    """Open cases where `user` is the contact person and the consent is missing,
    withdrawn or expired: the werkvoorraad banner. One query."""
    today = timezone.localdate()
    # NOT EXISTS, not NOT IN: PostgreSQL turns it into an anti-join that looks up each of
    # the user's cases in the `consent_current` index, where NOT IN (subquery) hashed
    # every valid consent in the country first (57 ms at 100,000 cases).
    valid = ConsentVersion.objects.valid_on(today).filter(resident_id=OuterRef("resident_id"))
    return list(
        Case.objects.open()
        .filter(team_members__user=user, team_members__is_contact_person=True)
        .filter(~Exists(valid))
        .only("id", "reference", "status")
        .order_by("reference")[:50]
    )
