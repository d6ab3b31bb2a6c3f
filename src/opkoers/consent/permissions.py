"""Need-to-know: who may see a case's personal data.

The Op Koers team decides whether a user may open a case at all (cases.permissions). On
top of that, the user's organisation must be covered by the resident's current, valid
consent, or have an approved legal basis in force on this case. Nothing here is cached across
requests: a withdrawal or an expiry takes effect on the very next page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import Combinable
from django.http import HttpRequest
from django.utils import timezone

from opkoers.consent.models import ConsentVersion, LegalBasis

if TYPE_CHECKING:
    from opkoers.accounts.models import User
    from opkoers.cases.models import Case


class PersonalDataRestricted(PermissionDenied):
    """The user may open the case but not see its personal data. The middleware turns
    this into the restricted view (status 403)."""

    def __init__(self, case: Case) -> None:
        super().__init__("no consent coverage")
        self.case = case


def coverage_condition(user: User) -> Q | Exists | Combinable:
    """A filter on Case rows: true where `user` may see the personal data. Usable in
    `.filter()` and `.annotate()` so that lists decide for all rows in one query.

    Need-to-know first: the user sits at the table (see `need_to_know_condition`). Then
    covered: the user's organisation is in the resident's current, valid consent, or has an
    approved legal basis on the case that is in force today (a request counts for nothing).
    Before any consent has been recorded for the resident (the referral phase), the
    registrar and the contact person (and their backup) see the data they need to reach
    the resident and ask for consent; once a consent exists, withdrawn or expired
    included, only coverage counts."""
    from opkoers.audit.models import BreakGlassAccess
    from opkoers.cases.models import CaseTeamMember

    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    # Break the glass: a typed, logged, time-limited emergency access (audit app).
    emergency = Exists(
        BreakGlassAccess.objects.filter(
            user=user, case_id=OuterRef("pk"), expires_at__gt=timezone.now()
        )
    )
    referral_phase = ~Exists(ConsentVersion.objects.filter(resident_id=OuterRef("resident_id"))) & (
        Q(registered_by=user)
        | Exists(
            CaseTeamMember.objects.filter(case_id=OuterRef("pk"), is_contact_person=True).filter(
                Q(user=user) | Q(backup=user)
            )
        )
    )
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return referral_phase | emergency
    today = timezone.localdate()
    consent = ConsentVersion.objects.valid_on(today).filter(
        resident_id=OuterRef("resident_id"), organisations=organisation_id
    )
    basis = LegalBasis.objects.in_force(on=today).filter(
        case_id=OuterRef("pk"), organisation_id=organisation_id
    )
    return (need_to_know_condition(user) & (Exists(consent) | Exists(basis))) | (
        referral_phase | emergency
    )


def need_to_know_condition(user: User) -> Q | Exists | Combinable:
    """At the table: on the case team (or backup of someone who is), or the team's project
    leader, who checks budgets and deviations and leads the weekly overleg. A colleague
    of the same Op Koers team who is not at the table does not see the personal data."""
    from opkoers.accounts.models import Role
    from opkoers.cases.models import CaseTeamMember

    if getattr(user, "role", None) == Role.PROJECT_LEADER:
        return Q(pk__isnull=False)
    return Exists(
        CaseTeamMember.objects.filter(case_id=OuterRef("pk")).filter(Q(user=user) | Q(backup=user))
    )


def restriction_reason(user: User, case: Case) -> str:
    """Why the restricted view is shown: "table" when the user is not at the table,
    "coverage" when their organisation lacks consent or a legal basis."""
    from opkoers.cases.models import Case as CaseModel

    at_table = CaseModel.objects.filter(pk=case.pk).filter(need_to_know_condition(user)).exists()
    return "coverage" if at_table else "table"


def may_see_personal_data(user: User, case: Case) -> bool:
    """One query. The caller has already established that the user may open the case."""
    from opkoers.cases.models import Case as CaseModel

    if not getattr(user, "is_authenticated", False):
        return False
    return CaseModel.objects.filter(pk=case.pk).filter(coverage_condition(user)).exists()


_CACHE_ATTR = "_opkoers_personal_data"


def may_see_personal_data_cached(request: HttpRequest, case: Case) -> bool:
    """Per request only (the cache lives on the request object), so a page that asks
    several times costs one query, and the next request asks again."""
    cache: dict[Any, bool] = request.__dict__.setdefault(_CACHE_ATTR, {})
    if case.pk not in cache:
        cache[case.pk] = may_see_personal_data(request.user, case)  # type: ignore[arg-type]
    return cache[case.pk]


def may_manage_consent(user: User, case: Case) -> bool:
    """Who may record or withdraw consent and record a legal basis: the case's contact
    person (or their backup) always, since someone must be able to record the first
    consent; other case team members only when they are covered themselves."""
    if not user.works_on_cases or case.is_closed:
        return False
    from opkoers.cases.models import CaseTeamMember

    rows = list(
        CaseTeamMember.objects.filter(case=case)
        .filter(Q(user=user) | Q(is_contact_person=True, backup=user))
        .values_list("user_id", "is_contact_person", "backup_id")
    )
    if not rows:
        return False
    for user_id, is_contact, backup_id in rows:
        if is_contact and (user_id == user.pk or backup_id == user.pk):
            return True
    return may_see_personal_data(user, case)


def may_download_scan(user: User, case: Case) -> bool:
    """The signed form carries the resident's name and signature."""
    return may_see_personal_data(user, case) or may_manage_consent(user, case)


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


def endable_legal_basis_ids(user: User, case: Case, bases: list[LegalBasis]) -> set[Any]:
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
