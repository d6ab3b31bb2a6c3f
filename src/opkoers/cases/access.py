"""The one place that decides who may see and do what on a case.

Every view, template tag, export and service that touches a case asks here. The facts
about one person and one case (at the table? covered by consent? break-glass?) are read
in one query; the rule table below turns them into answers; `access_case` is the entry
point for views: it fetches the case (404 for anyone who may not know it exists), checks
what the request wants to do, and writes the audited read once per request. Services
re-check under the case's row lock with `lock_case`.

The rules, in words (docs/decisions/0021-one-case-access-module.md):
- Only people who work on cases in the case's team may know the case exists (404).
- Personal data: at the table (case team member, backup, or the team's project leader)
  AND the user's organisation covered by the resident's valid consent or an approved,
  current legal basis. Before any consent is recorded (the referral phase) the registrar
  and the contact person (and backup) see what they need to ask for consent.
- Break-glass shows personal data for a short while and nothing else: it never counts
  for a write, a team change or a consent action.
- Writes: personal data by the regular route, on an open case, by someone who works on
  cases; the at-the-table rules narrow that per kind of write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import Combinable
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.cases.models import Case, CaseStatus, CaseTeamMember

if TYPE_CHECKING:
    from opkoers.accounts.models import User


class To(StrEnum):
    """What a request wants to do with a case."""

    KNOW = "know"  # see that it exists, without personal data (consent pages)
    READ = "read"  # personal data
    WRITE = "write"  # change the case, the resident or the intake
    WRITE_AT_TABLE = "write_at_table"  # conversations, follow-up calls: members, backups
    WRITE_ON_CASE_TEAM = "write_on_case_team"  # plan, budget, deviations, effects
    MANAGE_TEAM = "manage_team"  # the case team: add, remove, contact person
    WRITE_EFFECTS = "write_effects"  # effects calculator: case team, also once closed
    MANAGE_CONSENT = "manage_consent"  # record or withdraw consent, request a legal basis
    DOWNLOAD_SCAN = "download_scan"  # the signed consent form (name and signature)
    PICK_UP = "pick_up"  # start the intake of a registration nobody has taken up
    REOPEN = "reopen"
    # A project leader's decision on a case (budget, deviation): the team-level rules
    # (leads the team, four eyes) stay in their app and decide; this adds only that a
    # decision never rests on break-glass.
    DECIDE = "decide"


class Purpose(StrEnum):
    """Why personal data were shown: stored with every audited read, shown to the
    resident in their overview."""

    CASE_TEAM = "casusteam"
    PROJECT_LEADER = "projectleider"
    REFERRAL = "aanmelding"
    BREAK_GLASS = "noodtoegang"
    NONE = ""


@dataclass(frozen=True)
class Facts:
    """What is true of one person and one case, read in one query."""

    in_team: bool  # works on cases in the case's team: may know the case exists
    works_on_cases: bool
    project_leader: bool
    on_case_team: bool
    backup: bool
    contact: bool  # the contact person, or the contact person's backup
    has_contact: bool  # the case has a contact person at all
    registrar: bool
    covered: bool  # consent or an approved legal basis covers the user's organisation
    consent_recorded: bool  # any consent version exists for the resident
    break_glass: bool
    closed: bool
    anonymised: bool
    registered: bool  # still in the first step (aanmelding)

    @property
    def at_table(self) -> bool:
        return self.on_case_team or self.backup or self.project_leader

    @property
    def referral_phase(self) -> bool:
        return not self.consent_recorded and (self.registrar or self.contact)

    @property
    def regular_personal_data(self) -> bool:
        """Personal data without break-glass: the ground for every write."""
        return (self.at_table and self.covered) or self.referral_phase

    @property
    def personal_data(self) -> bool:
        return self.regular_personal_data or self.break_glass

    @property
    def may_write(self) -> bool:
        return self.works_on_cases and not self.closed and self.regular_personal_data

    @property
    def purpose(self) -> Purpose:
        if (self.on_case_team or self.backup) and self.covered:
            return Purpose.CASE_TEAM
        if self.project_leader and self.covered:
            return Purpose.PROJECT_LEADER
        if self.referral_phase:
            return Purpose.REFERRAL
        if self.break_glass:
            return Purpose.BREAK_GLASS
        return Purpose.NONE


# The rule table: what each kind of request needs. The URL×actor matrix test derives what
# every actor gets from a case URL from the rule it declares (core/tests/test_access_matrix.py).
RULES: dict[To, Callable[[Facts], bool]] = {
    To.KNOW: lambda f: True,
    To.READ: lambda f: f.personal_data,
    To.WRITE: lambda f: f.may_write,
    To.WRITE_AT_TABLE: lambda f: f.may_write and (f.on_case_team or f.backup),
    To.WRITE_ON_CASE_TEAM: lambda f: f.may_write and f.on_case_team,
    To.MANAGE_TEAM: lambda f: f.may_write,
    # Closed cases stay writable here: the reference timeline is often filled in at or
    # after the evaluation (decision 0013).
    To.WRITE_EFFECTS: lambda f: (
        f.works_on_cases and not f.anonymised and f.on_case_team and f.regular_personal_data
    ),
    # The contact person (or backup) always, since someone must record the first consent;
    # other case-team members when covered themselves. Never on break-glass alone.
    To.MANAGE_CONSENT: lambda f: (
        f.works_on_cases
        and not f.closed
        and (f.contact or ((f.on_case_team or f.backup) and f.regular_personal_data))
    ),
    To.DECIDE: lambda f: f.works_on_cases and f.regular_personal_data,
    To.DOWNLOAD_SCAN: lambda f: f.personal_data or RULES[To.MANAGE_CONSENT](f),
    To.PICK_UP: lambda f: f.works_on_cases and f.registered and not f.has_contact,
    To.REOPEN: lambda f: (
        f.works_on_cases and f.closed and not f.anonymised and f.regular_personal_data
    ),
}

# Kinds of request that show personal data: refused with the restricted view (403, the
# reason shown) rather than a bare 403.
NEEDS_PERSONAL_DATA = frozenset(
    {To.READ, To.WRITE, To.WRITE_AT_TABLE, To.WRITE_ON_CASE_TEAM, To.WRITE_EFFECTS, To.MANAGE_TEAM}
)


WRITES = frozenset(
    {
        To.WRITE,
        To.WRITE_AT_TABLE,
        To.WRITE_ON_CASE_TEAM,
        To.MANAGE_TEAM,
        To.MANAGE_CONSENT,
        To.PICK_UP,
        To.DECIDE,
    }
)


class PersonalDataRestricted(PermissionDenied):
    """The user may know the case but not see its personal data. The middleware turns
    this into the restricted view (status 403)."""

    def __init__(self, case: Case, access: CaseAccess | None = None) -> None:
        super().__init__("no consent coverage")
        self.case = case
        # The facts that led here, so the restricted view need not read them again.
        self.access = access


class BreakGlassRefused(PermissionDenied):
    """A write tried on the strength of break-glass alone: refused and audited."""

    def __init__(self, case: Case) -> None:
        super().__init__(_("Met noodtoegang kunt u alleen lezen. Wijzigingen zijn niet mogelijk."))
        self.case = case


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    facts: Facts

    def may(self, to: To | str) -> bool:
        return self.facts.in_team and RULES[To(to)](self.facts)

    def require(self, to: To | str) -> None:
        """Raise unless `to` is allowed: BreakGlassRefused when only break-glass stands
        behind the attempt, PersonalDataRestricted when personal data are needed and not
        allowed (the restricted view), PermissionDenied otherwise."""
        to = To(to)
        if self.may(to):
            return
        if not self.facts.in_team:
            # Only services get here (views fetch through visible_to, which 404s).
            raise PermissionDenied
        if self.facts.break_glass and to is not To.READ:
            raise BreakGlassRefused(self.case)
        if to in NEEDS_PERSONAL_DATA and not self.facts.personal_data:
            raise PersonalDataRestricted(self.case, access=self)
        if self.facts.closed and to in WRITES:
            raise PermissionDenied(_("Dit traject is afgesloten en alleen nog te lezen."))
        raise PermissionDenied

    def require_person(self, to: To | str) -> None:
        """`require` for the person alone: a write is judged as if the case were open, so
        that a service refuses a closed case with its own message and code."""
        to = To(to)
        if to in WRITES and self.facts.closed:
            CaseAccess(self.case, replace(self.facts, closed=False)).require(to)
        else:
            self.require(to)

    @property
    def personal_data(self) -> bool:
        return self.facts.personal_data

    @property
    def on_break_glass(self) -> bool:
        """Personal data shown only because of break-glass (the page says so)."""
        return self.facts.break_glass and not self.facts.regular_personal_data


# --- the conditions, usable in .filter() and .annotate() -----------------------------


def _model(label: str) -> Any:
    return apps.get_model(label)


def break_glass_condition(user: User) -> Exists:
    return Exists(
        _model("privacy.BreakGlassAccess").objects.filter(
            user=user, case_id=OuterRef("pk"), expires_at__gt=timezone.now()
        )
    )


def covered_condition(user: User) -> Q | Exists | Combinable:
    """The user's organisation is in the resident's current, valid consent, or has an
    approved legal basis in force on the case."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Q(pk__in=[])
    today = timezone.localdate()
    consent = (
        _model("consent.ConsentVersion")
        .objects.valid_on(today)
        .filter(resident_id=OuterRef("resident_id"), organisations=organisation_id)
    )
    # Only an approved basis in force counts: a request, a rejection or an ended or
    # expired basis gives nothing (decision 0019).
    basis = (
        _model("consent.LegalBasis")
        .objects.in_force(on=today)
        .filter(case_id=OuterRef("pk"), organisation_id=organisation_id)
    )
    return Exists(consent) | Exists(basis)


def need_to_know_condition(user: User) -> Q | Exists | Combinable:
    """At the table: on the case team (or backup of someone who is), or the team's project
    leader, who checks budgets and deviations and leads the weekly overleg."""
    from opkoers.accounts.models import Role

    if getattr(user, "role", None) == Role.PROJECT_LEADER:
        return Q(pk__isnull=False)
    return Exists(
        CaseTeamMember.objects.filter(case_id=OuterRef("pk")).filter(Q(user=user) | Q(backup=user))
    )


def _referral_condition(user: User) -> Q | Exists | Combinable:
    no_consent = ~Exists(
        _model("consent.ConsentVersion").objects.filter(resident_id=OuterRef("resident_id"))
    )
    return no_consent & (
        Q(registered_by=user)
        | Exists(
            CaseTeamMember.objects.filter(case_id=OuterRef("pk"), is_contact_person=True).filter(
                Q(user=user) | Q(backup=user)
            )
        )
    )


def personal_data_condition(user: User, *, break_glass: bool = True) -> Q | Exists | Combinable:
    """A filter on Case rows: true where `user` may see the personal data, decided for all
    rows of a list in one query. `break_glass=False` gives the regular route only."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    regular = (need_to_know_condition(user) & covered_condition(user)) | _referral_condition(user)
    return regular | break_glass_condition(user) if break_glass else regular


def personal_data_ids(user: User, case_ids: list[Any]) -> set[str]:
    """The ids (as strings) among `case_ids` whose personal data `user` may see: one query
    for a whole list page."""
    if not case_ids:
        return set()
    return {
        str(pk)
        for pk in Case.objects.filter(pk__in=case_ids)
        .filter(personal_data_condition(user))
        .values_list("pk", flat=True)
    }


# --- facts, one query ------------------------------------------------------------------


def _with_facts(queryset: Any, user: User) -> Any:
    members = CaseTeamMember.objects.filter(case_id=OuterRef("pk"))
    return queryset.annotate(
        _in_team=Exists(
            _model("accounts.TeamMembership").objects.filter(team_id=OuterRef("team_id"), user=user)
        ),
        _on_case_team=Exists(members.filter(user=user)),
        _backup=Exists(members.filter(backup=user)),
        _contact=Exists(
            members.filter(is_contact_person=True).filter(Q(user=user) | Q(backup=user))
        ),
        _has_contact=Exists(members.filter(is_contact_person=True)),
        _covered=covered_condition(user),
        _consent_recorded=Exists(
            _model("consent.ConsentVersion").objects.filter(resident_id=OuterRef("resident_id"))
        ),
        _break_glass=break_glass_condition(user),
    )


def _facts(user: User, case: Any) -> Facts:
    return Facts(
        in_team=bool(user.works_on_cases) and case._in_team,
        works_on_cases=bool(user.works_on_cases),
        project_leader=bool(user.is_project_leader),
        on_case_team=case._on_case_team,
        backup=case._backup,
        contact=case._contact,
        has_contact=case._has_contact,
        registrar=case.registered_by_id == user.pk,
        covered=bool(case._covered),
        consent_recorded=case._consent_recorded,
        break_glass=case._break_glass,
        closed=case.status == CaseStatus.CLOSED,
        anonymised=case.is_anonymised,
        registered=case.status == CaseStatus.REGISTERED,
    )


def case_access(user: User, case_id: UUID | str) -> CaseAccess:
    """The case with what `user` may do on it; Http404 when the user may not know it."""
    try:
        case = (
            _with_facts(Case.objects.visible_to(user), user)
            .select_related("resident", "team")
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return CaseAccess(case=case, facts=_facts(user, case))


_REQUEST_CACHE = "_opkoers_case_access"
_REQUEST_AUDITED = "_opkoers_case_audited"


def access_case(
    request: HttpRequest,
    case_id: UUID | str,
    *,
    to: To | str = To.READ,
    audit: str = "",
    detail: dict[str, Any] | None = None,
) -> CaseAccess:
    """The entry point for views: fetch, check, audit.

    404 for anyone who may not know the case exists; the restricted view when personal
    data are needed and not allowed; 403 otherwise. `audit` names the audit code of a
    page that shows personal data: the read is written once per request and code, with
    its purpose, in its own transaction before the page is built (decision 0015)."""
    user: User = request.user  # type: ignore[assignment]
    cache: dict[str, CaseAccess] = request.__dict__.setdefault(_REQUEST_CACHE, {})
    key = str(case_id)
    if key not in cache:
        cache[key] = case_access(user, case_id)
    access = cache[key]
    access.require(to)
    if audit:
        record_read(request, access, code=audit, detail=detail)
    return access


def record_read(
    request: HttpRequest, access: CaseAccess, *, code: str, detail: dict[str, Any] | None = None
) -> None:
    from opkoers.audit.models import AuditAction
    from opkoers.audit.services import record

    done: set[tuple[str, str]] = request.__dict__.setdefault(_REQUEST_AUDITED, set())
    key = (str(access.case.pk), code)
    if key in done:
        return
    with transaction.atomic():
        record(
            actor=request.user,  # type: ignore[arg-type]
            action=AuditAction.VIEW,
            code=code,
            case=access.case,
            purpose=access.facts.purpose,
            detail=detail,
        )
    done.add(key)


def record_listing(
    request: HttpRequest,
    *,
    code: str,
    case_ids: list[str],
    search: bool = False,
    detail: dict[str, Any] | None = None,
) -> None:
    """A list, a search result or an export that showed these cases: one audit row
    naming them all, so that each resident's overview can show the appearance. A
    search (`detail` says what was asked) is recorded even when it found nothing."""
    from opkoers.audit.models import AuditAction
    from opkoers.audit.services import record

    if not case_ids and detail is None:
        return
    listed = list(Case.objects.filter(pk__in=case_ids).values_list("pk", "resident_id"))
    with transaction.atomic():
        record(
            actor=request.user,  # type: ignore[arg-type]
            action=AuditAction.SEARCH if search else AuditAction.VIEW,
            code=code,
            detail={**(detail or {}), "shown": case_ids},
            listed=listed,
        )


def lock_case_row(case: Case) -> Case:
    """The case's row lock without the facts, for a step that only needs the state:
    `transition`, called by services that checked the person under `lock_case`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_case_row must be called inside transaction.atomic")
    return Case.objects.select_for_update().get(pk=case.pk)


def lock_case(*, case: Case, by: User, to: To | str | None = None) -> CaseAccess:
    """Inside a service's transaction: lock the case row (which serialises writes per
    case and re-reads its state) and read the facts again as they are now, so a consent
    withdrawn or a break-glass expired a moment ago counts. With `lock_case_row`, the
    only row lock on a case in the code base. With `to`, the person rule is checked at
    once (`require_person`); the service then checks its own state rules (closed, step)
    with its own messages."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_case must be called inside transaction.atomic")
    locked = (
        _with_facts(Case.objects.select_for_update(of=("self",)), by)
        .select_related("resident", "team")
        .get(pk=case.pk)
    )
    access = CaseAccess(case=locked, facts=_facts(by, locked))
    if to is not None:
        access.require_person(to)
    return access
