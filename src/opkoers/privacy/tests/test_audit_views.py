"""The privacy officer's pages: access matrix, filters, keyset paging, CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.audit.services import record
from opkoers.cases.tests.factories import CaseFactory
from opkoers.core.spreadsheet import neutralise

pytestmark = [pytest.mark.security, pytest.mark.django_db]

PAGES = ["audit:log", "audit:resident_overview", "audit:resident_overview_export"]


@pytest.fixture
def privacy_officer(db: Any) -> Any:
    return UserFactory(role=Role.PRIVACY_OFFICER, first_name="Priya", last_name="Waker")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    "who", ["member", "colleague", "outsider", "project_leader", "policy_staff", "functional_admin"]
)
def test_only_the_privacy_officer_may_open_the_log(
    request: Any, client_for: Any, case: Any, name: str, who: str
) -> None:
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse(name), {"case_reference": case.reference})
    assert response.status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client: Any, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_privacy_officer_sees_the_log_and_the_nav_item(
    client_for: Any, privacy_officer: Any, member: Any, case: Any
) -> None:
    client_for(member).get(reverse("cases:detail", args=[case.pk]))
    response = client_for(privacy_officer).get(reverse("audit:log"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "case.view" in html and case.reference in html
    assert reverse("audit:log") in html  # nav item
    # Home page leads the privacy officer to the console.
    assert client_for(privacy_officer).get("/")["Location"] == reverse("privacy:console")


def test_filters_narrow_the_log_and_the_search_is_audited(
    client_for: Any, privacy_officer: Any, member: Any, colleague: Any, case: Any
) -> None:
    other = CaseFactory(team=case.team)
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
        record(actor=colleague, action=AuditAction.UPDATE, code="plan.goal.update", case=other)
    client = client_for(privacy_officer)
    response = client.get(reverse("audit:log"), {"case_reference": case.reference})
    rows = response.context["page"].rows
    assert rows and all(r.case_id == case.pk for r in rows)
    response = client.get(reverse("audit:log"), {"user": colleague.pk, "action": "update"})
    assert [r.code for r in response.context["page"].rows] == ["plan.goal.update"]
    response = client.get(reverse("audit:log"), {"code": "plan.goal.update"})
    assert [r.actor_id for r in response.context["page"].rows] == [colleague.pk]
    response = client.get(reverse("audit:log"), {"case_reference": "BESTAAT-NIET"})
    assert response.context["page"].rows == []
    assert AuditEvent.objects.filter(actor=privacy_officer, code="audit.log.search").count() == 4


def test_bad_period_gives_a_dutch_error_not_a_500(client_for: Any, privacy_officer: Any) -> None:
    response = client_for(privacy_officer).get(
        reverse("audit:log"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    response = client_for(privacy_officer).get(reverse("audit:log"), {"date_from": "gisteren"})
    assert response.status_code == 200


def _fill(n: int, case: Any, actor: Any) -> None:
    with transaction.atomic():
        for i in range(n):
            code = ("case.view", "plan.view", "case.search", "consent.view")[i % 4]
            record(actor=actor, action=AuditAction.VIEW, code=code, case=case)


def test_keyset_paging_walks_every_row_once(
    client_for: Any, privacy_officer: Any, member: Any, case: Any, settings: Any
) -> None:
    settings.OPKOERS = {**settings.OPKOERS, "AUDIT_PAGE_SIZE": 4}
    _fill(10, case, member)
    client = client_for(privacy_officer)
    seen: list[int] = []
    params: dict[str, Any] = {}
    for _ in range(5):
        response = client.get(reverse("audit:log"), params)
        page = response.context["page"]
        seen += [r.id for r in page.rows]
        if not page.next_before:
            break
        params = {"voor": page.next_before}
    expected = list(
        AuditEvent.objects.filter(id__lte=max(seen)).order_by("-id").values_list("id", flat=True)
    )
    assert seen == expected


@pytest.mark.parametrize("rows", [5, 500])
def test_log_page_query_count_does_not_grow(
    client_for: Any,
    privacy_officer: Any,
    member: Any,
    colleague: Any,
    case: Any,
    rows: int,
    django_assert_max_num_queries: Any,
) -> None:
    other = CaseFactory(team=case.team)
    _fill(rows, case, member)
    _fill(rows, other, colleague)
    client = client_for(privacy_officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("audit:log"))
    assert len(response.context["page"].rows) == min(2 * rows, 50)


def test_resident_overview_covers_all_cases_of_the_resident(
    client_for: Any, privacy_officer: Any, member: Any, case: Any
) -> None:
    second = CaseFactory(team=case.team, resident=case.resident)
    unrelated = CaseFactory(team=case.team)
    with transaction.atomic():
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=case)
        record(actor=member, action=AuditAction.VIEW, code="plan.view", case=second)
        record(actor=member, action=AuditAction.VIEW, code="case.view", case=unrelated)
    response = client_for(privacy_officer).get(
        reverse("audit:resident_overview"), {"case_reference": second.reference}
    )
    assert response.status_code == 200
    case_ids = {r.case_id for r in response.context["page"].rows}
    assert case.pk in case_ids and second.pk in case_ids and unrelated.pk not in case_ids
    assert AuditEvent.objects.filter(
        code="audit.resident_overview.view", resident_id=case.resident_id
    ).exists()


def test_resident_overview_unknown_reference(client_for: Any, privacy_officer: Any) -> None:
    response = client_for(privacy_officer).get(
        reverse("audit:resident_overview"), {"case_reference": "OK-0000"}
    )
    assert response.status_code == 200
    assert "Er is geen traject met dit kenmerk." in response.content.decode()


def test_csv_export_is_audited_and_neutralises_formulas(
    client_for: Any, privacy_officer: Any, member: Any, case: Any
) -> None:
    with transaction.atomic():
        record(
            actor=member,
            action=AuditAction.VIEW,
            code="case.view",
            case=case,
            purpose='=HYPERLINK("http://example.org")',
        )
    response = client_for(privacy_officer).get(
        reverse("audit:resident_overview_export"), {"case_reference": case.reference}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Wanneer"
    purposes = [row[7] for row in rows[1:]]
    assert '\'=HYPERLINK("http://example.org")' in purposes
    assert not any(cell.startswith("=") for row in rows for cell in row)
    export = AuditEvent.objects.get(code="audit.resident_overview.export")
    assert export.action == AuditAction.EXPORT and export.resident_id == case.resident_id
    assert export.actor == privacy_officer


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("gewoon", "gewoon"),
        (None, ""),
    ],
)
def test_neutralise(value: Any, expected: str) -> None:
    assert neutralise(value) == expected


def test_lists_searches_and_exports_appear_in_the_residents_overview(
    client_for: Any, privacy_officer: Any, member: Any, case: Any
) -> None:
    """The werkvoorraad (a list), a name search and the budget queue all showed the
    resident; each is in their overview, readable: labels, local time, no ids."""
    client = client_for(member)
    client.get(reverse("cases:worklist"))
    client.get(reverse("cases:list"))
    response = client_for(privacy_officer).get(
        reverse("audit:resident_overview_export"), {"case_reference": case.reference}
    )
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    listed = AuditEvent.objects.filter(listings__resident_id=case.resident_id)
    assert listed.filter(code="case.worklist").exists()
    assert listed.filter(code="case.list").exists()
    assert len(rows) - 1 >= listed.count()
    assert str(case.pk) not in text and str(case.resident_id) not in text
    assert "case.worklist" not in text and "Werkvoorraad bekeken" in text
