"""Reads for the privacy officer's pages. Keyset pagination on id descending: a page is
page_size + 1 rows fetched from an index, never a COUNT over the whole log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from opkoers.accounts.models import Organisation
from opkoers.audit.models import AuditEvent


def role_label(role: str) -> str:
    from opkoers.accounts.models import Role

    return str(Role(role).label) if role in Role.values else role


def purpose_label(purpose: str) -> str:
    from django.utils.translation import gettext as _

    labels = {
        "casusteam": _("aan tafel in het casusteam"),
        "projectleider": _("projectleider van het team"),
        "aanmelding": _("aanmelding, om toestemming te vragen"),
        "noodtoegang": _("noodtoegang"),
    }
    return str(labels.get(purpose, purpose))


@dataclass
class LogPage:
    rows: list[AuditEvent]
    next_before: int | None
    case_refs: dict[UUID, str] = field(default_factory=dict)
    org_names: dict[UUID, str] = field(default_factory=dict)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_events(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    from opkoers.cases.models import Case

    qs = AuditEvent.objects.all()
    if filters.get("date_from"):
        qs = qs.filter(at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(at__lt=_day_start(filters["date_to"] + timedelta(days=1)))
    if filters.get("user"):
        qs = qs.filter(actor=filters["user"])
    if filters.get("case_reference"):
        case_id = (
            Case.objects.filter(reference=filters["case_reference"].strip())
            .values_list("pk", flat=True)
            .first()
        )
        qs = qs.filter(case_id=case_id) if case_id else qs.none()
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("code"):
        qs = qs.filter(code=filters["code"].strip())
    return qs


def log_page(qs: QuerySet[AuditEvent], *, before: int | None, page_size: int) -> LogPage:
    from opkoers.cases.models import Case

    if before:
        qs = qs.filter(id__lt=before)
    rows = list(qs.select_related("actor").order_by("-id")[: page_size + 1])
    next_before = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        next_before = rows[-1].id
    case_ids = {r.case_id for r in rows if r.case_id}
    org_ids = {r.actor_organisation_id for r in rows if r.actor_organisation_id}
    case_refs = (
        dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "reference"))
        if case_ids
        else {}
    )
    org_names = (
        dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
        if org_ids
        else {}
    )
    for row in rows:
        # Plain attributes for the templates, which cannot look up a dict by key.
        row.case_reference = case_refs.get(row.case_id, "") if row.case_id else ""  # type: ignore[attr-defined]
        org_id = row.actor_organisation_id
        row.organisation_name = org_names.get(org_id, "") if org_id else ""  # type: ignore[attr-defined]
        # Labels, not the stored codes: no code is shown to a person.
        row.role_label = role_label(row.actor_role)  # type: ignore[attr-defined]
        row.purpose_label = purpose_label(row.purpose)  # type: ignore[attr-defined]
    return LogPage(rows, next_before, case_refs, org_names)


def resident_for_reference(reference: str) -> Any:
    from opkoers.cases.models import Case

    case = Case.objects.select_related("resident").filter(reference=reference.strip()).first()
    return case.resident if case else None


def resident_events(resident_id: UUID) -> QuerySet[AuditEvent]:
    """Every audit row about one resident: the rows that name them, and the lists,
    search results and exports that showed them (AuditListing). Both halves come from
    an index on resident id."""
    from django.db.models import Q

    from opkoers.audit.models import AuditListing

    listed = AuditListing.objects.filter(resident_id=resident_id).values("event_id")
    return AuditEvent.objects.filter(Q(resident_id=resident_id) | Q(pk__in=listed))


def iter_resident_events(resident_id: UUID, *, chunk_size: int = 2000) -> Iterator[LogPage]:
    """Every row about one resident, newest first, in keyset chunks for the export."""
    return iter_events(resident_events(resident_id), chunk_size=chunk_size)


def iter_events(qs: QuerySet[AuditEvent], *, chunk_size: int = 2000) -> Iterator[LogPage]:
    """The rows of `qs`, newest first, in keyset chunks: an export of any size holds one
    chunk in memory at a time (three queries per chunk)."""
    before: int | None = None
    while True:
        page = log_page(qs, before=before, page_size=chunk_size)
        if not page.rows:
            return
        yield page
        if page.next_before is None:
            return
        before = page.next_before
