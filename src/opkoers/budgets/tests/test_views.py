"""The budget pages: flows, bad input, double submits, exports and query bounds."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from opkoers.audit.models import AuditEvent
from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.budgets.services import approve_request, register_payment
from opkoers.budgets.tests.factories import BudgetRequestFactory
from opkoers.cases.tests.factories import CaseFactory
from opkoers.plans.tests.factories import GoalFactory


def case_url(case, rest=""):
    return f"/trajecten/{case.pk}/budget/{rest}"


def form_data(the_goal, **kw):
    data = {
        "goal": str(the_goal.pk),
        "amount": "349,99",
        "purpose": "Eerste maand huur",
        "payee": "Verhuurder Lekstroom",
        "breakthrough": "Met een eigen adres kan de inwoner een uitkering aanvragen.",
        "submission_token": "5b1d6a52-5d1e-4f8e-8f59-0c6a4f3b9a10",
    }
    data.update(kw)
    return data


def test_member_requests_budget(client_for, member, plan_case, goal):
    client = client_for(member)
    assert client.get(case_url(plan_case, "aanvragen/")).status_code == 200
    response = client.post(case_url(plan_case, "aanvragen/"), form_data(goal))
    assert response.status_code == 302
    req = BudgetRequest.objects.get()
    assert req.amount == Decimal("349.99") and req.requested_by == member
    page = client.get(case_url(plan_case)).content.decode()
    assert "Eerste maand huur" in page and "349,99" in page


def test_double_submit_creates_one_request(client_for, member, plan_case, goal):
    client = client_for(member)
    client.post(case_url(plan_case, "aanvragen/"), form_data(goal))
    client.post(case_url(plan_case, "aanvragen/"), form_data(goal))
    assert BudgetRequest.objects.count() == 1


@pytest.mark.security
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "12,345", "twee cijfers"),
        ("amount", "-4", "groter zijn dan nul"),
        ("amount", "veel", "bedrag in euro"),
        ("breakthrough", "", "doorbraak"),
        ("goal", "00000000-0000-0000-0000-000000000000", "doel uit de lijst"),
    ],
)
def test_bad_input_keeps_the_form(client_for, member, plan_case, goal, field, value, message):
    response = client_for(member).post(
        case_url(plan_case, "aanvragen/"), form_data(goal, **{field: value})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[html.find("form-errors") :][:800]
    assert "Verhuurder Lekstroom" in html
    assert not BudgetRequest.objects.exists()


def test_reading_the_budget_page_is_audited(client_for, member, plan_case):
    client_for(member).get(case_url(plan_case))
    assert AuditEvent.objects.filter(code="budget.view", case_id=plan_case.pk).exists()


def test_queue_approve_pay_and_requester_is_told(
    client_for, member, project_leader, plan_case, goal, pot
):
    req = BudgetRequestFactory(case=plan_case, goal=goal, requested_by=member)
    leader = client_for(project_leader)
    assert req.purpose in leader.get("/budget/wachtrij/").content.decode()
    response = leader.post(f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.APPROVED
    worklist = client_for(member).get("/").content.decode()
    assert "Besluiten over budget" in worklist and plan_case.reference in worklist
    response = leader.post(
        f"/budget/aanvragen/{req.pk}/betaling/",
        {"paid_on": timezone.localdate().isoformat(), "reference": "FIN-2026-001"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.PAID
    assert "FIN-2026-001" in leader.get("/budget/grootboek/").content.decode()


def test_leader_cancels_an_approval_from_the_payment_page(
    client_for, member, project_leader, plan_case, goal, pot
):
    req = BudgetRequestFactory(case=plan_case, goal=goal, requested_by=member)
    leader = client_for(project_leader)
    leader.post(f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"})
    page = leader.get(f"/budget/aanvragen/{req.pk}/betaling/").content.decode()
    assert "Goedkeuring intrekken" in page

    # Without a reason: the page again, with the message, nothing changed.
    response = leader.post(f"/budget/aanvragen/{req.pk}/intrekken/", {"reason": ""})
    assert response.status_code == 200
    assert "Geef een reden voor het intrekken." in response.content.decode()
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.APPROVED

    reason = {"reason": "De cursus is geschrapt."}
    response = leader.post(f"/budget/aanvragen/{req.pk}/intrekken/", reason)
    assert response.status_code == 302
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.CANCELLED
    # A double submit: told, not an error, and still one change in the audit log.
    again = leader.post(f"/budget/aanvragen/{req.pk}/intrekken/", reason, follow=True)
    assert again.status_code == 200 and "kan vervallen" in again.content.decode()
    assert AuditEvent.objects.filter(code="budget.request.cancel").count() == 1

    worklist = client_for(member).get("/").content.decode()
    assert "Goedkeuring ingetrokken" in worklist
    case_page = client_for(member).get(f"/trajecten/{plan_case.pk}/budget/").content.decode()
    assert "De cursus is geschrapt." in case_page


@pytest.mark.security
def test_only_the_teams_leader_cancels(client_for, member, outsider, plan_case, goal, pot):
    req = BudgetRequestFactory(
        case=plan_case, goal=goal, status=RequestStatus.APPROVED, pot_year=pot.year
    )
    url = f"/budget/aanvragen/{req.pk}/intrekken/"
    assert client_for(member).post(url, {"reason": "Weg ermee"}).status_code == 404
    assert client_for(outsider).post(url, {"reason": "Weg ermee"}).status_code == 404
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.APPROVED


def test_reject_without_reason_says_so(client_for, project_leader, plan_case, goal, pot):
    req = BudgetRequestFactory(case=plan_case, goal=goal)
    response = client_for(project_leader).post(
        f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "reject", "note": ""}, follow=True
    )
    assert "Geef een reden" in response.content.decode()
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.REQUESTED


def test_over_cap_needs_motivation_in_the_queue(client_for, project_leader, plan_case, goal, pot):
    req = BudgetRequestFactory(case=plan_case, goal=goal, amount=Decimal("2600.00"))
    leader = client_for(project_leader)
    html = leader.post(
        f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"}, follow=True
    ).content.decode()
    assert "boven het maximum" in html
    leader.post(
        f"/budget/aanvragen/{req.pk}/besluit/",
        {"decision": "approve", "note": "Huisuitzetting voorkomen, gezin met kinderen."},
    )
    assert BudgetRequest.objects.get(pk=req.pk).cap_override


def test_settings_pot_and_cap(client_for, project_leader, team):
    client = client_for(project_leader)
    year = timezone.localdate().year
    assert (
        client.post(
            f"/budget/instellingen/?team={team.pk}", {"form": "pot", "year": year, "amount": "5000"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/budget/instellingen/?team={team.pk}", {"form": "cap", "cap": "3000,00"}
        ).status_code
        == 302
    )
    response = client.post(f"/budget/instellingen/?team={team.pk}", {"form": "cap", "cap": "abc"})
    assert response.status_code == 200 and "bedrag in euro" in response.content.decode()
    assert team.budget_pots.get(year=year).amount == Decimal("5000.00")


def test_functional_admin_sets_pot_but_sees_no_cases(client_for, functional_admin, team):
    client = client_for(functional_admin)
    assert client.get(f"/budget/instellingen/?team={team.pk}").status_code == 200
    assert client.get("/budget/").status_code == 403
    assert client.get("/budget/wachtrij/").status_code == 403


def _approved_and_paid(plan_case, goal, project_leader, pot):
    a = BudgetRequestFactory(case=plan_case, goal=goal, purpose='=HYPERLINK("x")')
    b = BudgetRequestFactory(case=plan_case, goal=goal, amount=Decimal("10.05"))
    approve_request(budget_request=a, by=project_leader)
    approve_request(budget_request=b, by=project_leader)
    register_payment(
        budget_request=b, by=project_leader, paid_on=timezone.localdate(), reference="+31"
    )


@pytest.mark.security
def test_csv_export_neutralises_formulas_and_is_audited(
    client_for, project_leader, plan_case, goal, pot
):
    _approved_and_paid(plan_case, goal, project_leader, pot)
    response = client_for(project_leader).get("/budget/grootboek/export.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+31" in text and "10.05" in text
    assert plan_case.resident.last_name not in text
    assert AuditEvent.objects.filter(code="budget.ledger.export").count() == 1


def test_xlsx_export_keeps_numbers(client_for, project_leader, plan_case, goal, pot):
    _approved_and_paid(plan_case, goal, project_leader, pot)
    response = client_for(project_leader).get("/budget/grootboek/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Traject" and len(rows) == 3
    amounts = sorted(Decimal(str(r[3])) for r in rows[1:])
    assert amounts == [Decimal("10.05"), Decimal("250.00")]
    assert any(str(r[1]).startswith("'=") for r in rows[1:])


@pytest.mark.security
@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/budget/grootboek/", "budget.ledger"),
        ("/budget/grootboek/export.csv", "budget.ledger.export"),
        ("/budget/grootboek/export.xlsx", "budget.ledger.export"),
    ],
)
def test_ledger_page_and_exports_appear_in_the_residents_overview(
    client_for, project_leader, plan_case, goal, pot, url, code
):
    """The ledger names case references: each case shown or exported is listed for its
    resident, once per case however many payments it has."""
    from opkoers.privacy.selectors_audit import resident_events

    _approved_and_paid(plan_case, goal, project_leader, pot)
    other = BudgetRequestFactory(case__team=plan_case.team)
    approve_request(budget_request=other, by=project_leader)
    response = client_for(project_leader).get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    event = AuditEvent.objects.get(code=code)
    assert sorted(event.listings.values_list("case_id", flat=True)) == sorted(
        [plan_case.pk, other.case_id]
    )
    assert event in resident_events(plan_case.resident_id)
    assert event in resident_events(other.case.resident_id)


# --- outsiders --------------------------------------------------------------------------


@pytest.mark.security
def test_outsider_gets_404_on_case_pages(client_for, outsider, plan_case, goal):
    req = BudgetRequestFactory(case=plan_case, goal=goal)
    client = client_for(outsider)
    for url in ["", "aanvragen/", f"{req.pk}/wijzigen/"]:
        assert client.get(case_url(plan_case, url)).status_code == 404
    assert client.post(case_url(plan_case, f"{req.pk}/intrekken/")).status_code == 404
    assert client.post(case_url(plan_case, "aanvragen/"), form_data(goal)).status_code == 404


@pytest.mark.security
def test_outsider_and_professional_cannot_use_team_pages(
    client_for, outsider, member, plan_case, goal
):
    req = BudgetRequestFactory(case=plan_case, goal=goal)
    for user in (outsider, member):
        client = client_for(user)
        for url in [
            "/budget/",
            "/budget/wachtrij/",
            "/budget/grootboek/",
            "/budget/grootboek/export.csv",
            "/budget/grootboek/export.xlsx",
            "/budget/instellingen/",
        ]:
            assert client.get(url).status_code == 403, url
        assert (
            client.post(f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"}).status_code
            == 404
        )
        assert client.get(f"/budget/aanvragen/{req.pk}/betaling/").status_code == 404
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.REQUESTED


@pytest.mark.security
def test_other_teams_project_leader_gets_404_on_a_request(client_for, plan_case, goal, other_team):
    from opkoers.accounts.models import Role
    from opkoers.accounts.tests.factories import UserFactory

    req = BudgetRequestFactory(case=plan_case, goal=goal)
    elsewhere = UserFactory(teams=[other_team], role=Role.PROJECT_LEADER)
    client = client_for(elsewhere)
    assert (
        client.post(f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"}).status_code
        == 404
    )
    assert req.purpose not in client.get("/budget/wachtrij/").content.decode()


@pytest.mark.security
def test_colleague_not_at_the_table_gets_the_restricted_view(
    client_for, colleague, plan_case, goal
):
    # Need-to-know: a colleague of the team who is not on the case team sees no budget.
    client = client_for(colleague)
    for url in ["", "aanvragen/"]:
        response = client.get(case_url(plan_case, url))
        assert response.status_code == 403 and b"beperkte weergave" in response.content
    assert client.post(case_url(plan_case, "aanvragen/"), form_data(goal)).status_code == 403
    assert not BudgetRequest.objects.exists()


@pytest.mark.security
def test_project_leader_reads_but_does_not_request(client_for, project_leader, plan_case, goal):
    client = client_for(project_leader)
    assert client.get(case_url(plan_case)).status_code == 200
    assert client.get(case_url(plan_case, "aanvragen/")).status_code == 403


@pytest.mark.security
def test_without_consent_the_queue_hides_content_and_refuses_decisions(
    client_for, project_leader, team, member, pot
):
    case = CaseFactory(team=team, consent=False, registered_by=member)
    req = BudgetRequestFactory(case=case, goal=GoalFactory(case=case), purpose="Geheime kosten")
    client = client_for(project_leader)
    html = client.get("/budget/wachtrij/").content.decode()
    assert case.reference in html and "Geheime kosten" not in html
    response = client.post(f"/budget/aanvragen/{req.pk}/besluit/", {"decision": "approve"})
    assert response.status_code == 403
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.REQUESTED


# --- query bounds -----------------------------------------------------------------------


def _many(case, n):
    goal = GoalFactory(case=case)
    for _ in range(n):
        BudgetRequestFactory(case=case, goal=goal)
    for other in CaseFactory.create_batch(min(n, 5), team=case.team):
        BudgetRequestFactory(case=other, goal=GoalFactory(case=other))


@pytest.mark.parametrize("size", [1, 25])
def test_case_budget_page_query_bound(
    client_for, member, plan_case, size, django_assert_num_queries
):
    _many(plan_case, size)
    client = client_for(member)
    client.get(case_url(plan_case))
    with django_assert_num_queries(13):
        assert client.get(case_url(plan_case)).status_code == 200


@pytest.mark.parametrize("size", [1, 25])
def test_team_pages_query_bound(
    client_for, project_leader, plan_case, pot, size, django_assert_num_queries
):
    _many(plan_case, size)
    for req in BudgetRequest.objects.all()[: size // 2 + 1]:
        approve_request(budget_request=req, by=project_leader)
    client = client_for(project_leader)
    client.get("/budget/")
    for url, queries in [
        ("/budget/", 10),
        ("/budget/wachtrij/", 11),
        ("/budget/grootboek/", 9),
        ("/budget/instellingen/", 7),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
