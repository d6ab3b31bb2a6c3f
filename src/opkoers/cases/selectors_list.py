"""Reads for the case list (`cases:list`): search, filters and a page of rows.

Scale (100,000 cases) decided three things here:

* **No COUNT.** A page fetches `page_size + 1` rows; the extra row only says whether a
  next page exists. Counting every matching case on each keystroke would scan the
  whole filtered set, which is the expensive part at scale and tells a professional
  nothing they need.
* **Offset, not keyset, paging.** Every query is narrowed to the user's own team(s)
  first and ordered along an index (`case_team_registered`, `case_team_status`,
  `case_team_reference`), so the database walks that index and skips `offset` entries.
  That cost grows with the page number, but people look at the first few pages and
  refine their search rather than paging to page 400; in exchange offset paging gives
  plain, bookmarkable "pagina 3" links and a working "vorige" link without cursor
  tokens. If deep paging ever matters, the ordering is already keyset-ready
  (`registered_at, id` and the unique `reference`).
* **Name search.** Terms are matched with `LIKE '%term%'` on `Resident.search_name`
  (a lowercase copy of the full name), every term must match, so "wit mila" finds
  "Mila de Wit". On PostgreSQL the migration `cases.0004_case_list_indexes` adds
  trigram GIN indexes (pg_trgm) on `residents_resident.search_name` and
  `cases_case.reference`, which serve exactly these `LIKE '%…%'` patterns. On SQLite
  (the single-team, zero-configuration default) the pattern is a plain LIKE over the
  team's cases, which the team index already narrows. A term containing a digit, or
  starting with "OK-", is a case reference (names carry no digits), so it is matched
  on the reference only: an OR across the two tables would stop either index from
  being used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q

from opkoers.cases.access import personal_data_condition
from opkoers.cases.models import (
    Case,
    CaseDomain,
    CaseQuerySet,
    CaseStatus,
    CaseTeamMember,
)
from opkoers.core.models import LifeDomain

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_TERMS = 5
_DOMAIN_ORDER = {value: index for index, value in enumerate(LifeDomain.values)}


class Scope:
    OPEN = "open"
    CLOSED = "afgesloten"
    ALL = "alle"


class Sort:
    NEWEST = "nieuwste"
    REFERENCE = "kenmerk"


def page_size() -> int:
    return int(settings.OPKOERS.get("CASE_LIST_PAGE_SIZE", 25))


@dataclass(frozen=True)
class CaseListQuery:
    """What the person asked for, already validated by the filter form."""

    q: str = ""
    status: str = ""
    domain: str = ""
    contact_person_id: int | None = None
    team_id: UUID | None = None
    mine: bool = False
    scope: str = Scope.OPEN
    sort: str = Sort.NEWEST
    page: int = 1

    @property
    def is_search(self) -> bool:
        return bool(self.q.strip())

    def audit_detail(self) -> dict[str, object]:
        """The query terms and filters, for the audit trail (never for technical logs)."""
        return {
            "q": self.q.strip(),
            "status": self.status,
            "domain": self.domain,
            "contact_person": self.contact_person_id,
            "team": str(self.team_id) if self.team_id else "",
            "mine": self.mine,
            "scope": self.scope,
            "sort": self.sort,
            "page": self.page,
        }


@dataclass
class CaseRow:
    case: Case
    domains: list[str]
    contact_person: User | None


@dataclass
class CaseListPage:
    rows: list[CaseRow]
    number: int
    has_next: bool
    page_size: int
    case_ids: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.page_size + 1

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.rows) - 1


def search_terms(q: str) -> list[str]:
    return q.split()[:MAX_TERMS]


def is_reference_term(term: str) -> bool:
    return any(ch.isdigit() for ch in term) or term.upper().startswith("OK-")


def _search(q: str) -> Q:
    condition = Q()
    for term in search_terms(q):
        if is_reference_term(term):
            condition &= Q(reference__contains=term.upper())
        else:
            condition &= Q(resident__search_name__contains=term.lower())
    return condition


def filtered_cases(user: User, query: CaseListQuery, *, team_ids: Sequence[UUID]) -> CaseQuerySet:
    """The matching cases, visible to `user` only, in the requested order.

    `visible_to` decides what may be seen. `team_ids` (the user's teams, which the page
    has loaded anyway) repeats that as literal values: with only a join to the
    membership table the planner cannot tell a 50,000-case team from a small one and
    sorts the whole team instead of walking the `(team, -registered_at)` index."""
    qs = Case.objects.visible_to(user).filter(team_id__in=team_ids)
    if query.team_id:
        qs = qs.filter(team_id=query.team_id)
    if query.status:
        # A chosen step is more precise than open/closed; "afgesloten" with scope
        # "open" would otherwise always be empty.
        qs = qs.filter(status=query.status)
    elif query.scope == Scope.OPEN:
        qs = qs.open()  # matches the partial index `case_team_open_registered`
    elif query.scope == Scope.CLOSED:
        qs = qs.filter(status=CaseStatus.CLOSED)
    if query.domain:
        qs = qs.filter(Exists(CaseDomain.objects.filter(case=OuterRef("pk"), domain=query.domain)))
    if query.contact_person_id:
        qs = qs.filter(
            Exists(
                CaseTeamMember.objects.filter(
                    case=OuterRef("pk"), user_id=query.contact_person_id, is_contact_person=True
                )
            )
        )
    if query.mine:
        qs = qs.filter(Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)))
    if query.is_search:
        qs = qs.filter(_search(query.q))
        if any(not is_reference_term(t) for t in search_terms(query.q)):
            # A name search must not reveal that a name belongs to a case whose personal
            # data the user may not see: only covered cases match a name.
            qs = qs.filter(personal_data_condition(user))
    if query.sort == Sort.REFERENCE:
        return qs.order_by("reference")
    return qs.order_by("-registered_at", "-id")


def case_list_page(user: User, query: CaseListQuery, *, team_ids: Sequence[UUID]) -> CaseListPage:
    """One page of the case list: 3 queries (cases, life domains, contact persons)."""
    size = page_size()
    offset = (query.page - 1) * size
    cases = list(
        filtered_cases(user, query, team_ids=team_ids)
        # Decided in the same query for every row: the name shows only where consent or a
        # legal basis covers the user's organisation.
        .annotate(personal_ok=personal_data_condition(user))
        .select_related("resident", "team")
        .prefetch_related(
            Prefetch("domains", queryset=CaseDomain.objects.all()),
            Prefetch(
                "team_members",
                queryset=CaseTeamMember.objects.filter(is_contact_person=True).select_related(
                    "user"
                ),
                to_attr="contact_members",
            ),
        )[offset : offset + size + 1]
    )
    has_next = len(cases) > size
    cases = cases[:size]
    rows = [
        CaseRow(
            case=case,
            domains=[
                str(d.get_domain_display())
                for d in sorted(case.domains.all(), key=lambda d: _DOMAIN_ORDER.get(d.domain, 99))
            ],
            contact_person=case.contact_members[0].user if case.contact_members else None,  # type: ignore[attr-defined]
        )
        for case in cases
    ]
    return CaseListPage(
        rows=rows,
        number=query.page,
        has_next=has_next,
        page_size=size,
        case_ids=[str(c.pk) for c in cases],
    )
