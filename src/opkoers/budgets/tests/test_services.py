"""The rules of the maatwerkbudget: cap, override, four eyes, the pot, states, cents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.budgets import services
from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.budgets.selectors import budget_figures, case_section, team_overview
from opkoers.budgets.tests.factories import BudgetRequestFactory
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.plans.tests.factories import GoalFactory


def ask(case, member, goal, amount="250.00", **kw):
    values = {
        "purpose": "Eerste huur",
        "payee": "Woningcorporatie",
        "breakthrough": "Een eigen adres maakt inschrijving en uitkering mogelijk.",
    }
    values.update(kw)
    return services.request_budget(case=case, by=member, goal=goal, amount=amount, **values)


# --- requesting ---------------------------------------------------------------------


def test_request_is_audited_and_open(plan_case, member, goal):
    req = ask(plan_case, member, goal, "1234.56")
    assert req.status == RequestStatus.REQUESTED and req.amount == Decimal("1234.56")
    assert req.team_id == plan_case.team_id
    assert AuditEvent.objects.filter(code="budget.request.create", object_id=str(req.pk)).exists()


def test_breakthrough_is_required(plan_case, member, goal):
    with pytest.raises(ValidationError) as exc:
        ask(plan_case, member, goal, breakthrough="   ")
    assert exc.value.code == "breakthrough"
    assert not BudgetRequest.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "abc", "NaN", "1e20"])
def test_bad_amounts_are_refused_not_rounded(plan_case, member, goal, amount):
    with pytest.raises(ValidationError):
        ask(plan_case, member, goal, amount)


def test_comma_amount_is_exact(plan_case, member, goal):
    assert ask(plan_case, member, goal, "99,95").amount == Decimal("99.95")


@pytest.mark.security
def test_only_the_case_team_requests(plan_case, colleague, goal):
    with pytest.raises(PermissionDenied):
        ask(plan_case, colleague, goal)


def test_goal_must_be_of_this_case(plan_case, member):
    other_goal = GoalFactory(case=CaseFactory(team=plan_case.team))
    with pytest.raises(ValidationError):
        ask(plan_case, member, other_goal)


# --- deciding -------------------------------------------------------------------------


def test_approve_counts_against_pot_and_is_audited(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal, "400.10")
    services.approve_request(budget_request=req, by=project_leader)
    req.refresh_from_db()
    assert req.status == RequestStatus.APPROVED and req.decided_by == project_leader
    assert req.pot_year == timezone.localdate().year
    overview = team_overview(plan_case.team, req.pot_year)
    assert overview.committed == Decimal("400.10") and overview.left == Decimal("9599.90")
    assert AuditEvent.objects.filter(code="budget.request.approve").count() == 1


@pytest.mark.security
def test_four_eyes_requester_cannot_approve_own(plan_case, project_leader, goal, pot):
    CaseTeamMemberFactory(case=plan_case, user=project_leader)
    req = ask(plan_case, project_leader, goal)
    with pytest.raises(PermissionDenied):
        services.approve_request(budget_request=req, by=project_leader)
    with pytest.raises(PermissionDenied):
        services.reject_request(budget_request=req, by=project_leader, reason="nee")
    second = UserFactory(
        teams=[plan_case.team], role=Role.PROJECT_LEADER, organisation=project_leader.organisation
    )
    services.approve_request(budget_request=req, by=second)
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.APPROVED


@pytest.mark.security
def test_only_a_project_leader_of_the_team_decides(plan_case, member, colleague, goal, pot):
    req = ask(plan_case, member, goal)
    with pytest.raises(PermissionDenied):
        services.approve_request(budget_request=req, by=colleague)
    elsewhere = UserFactory(role=Role.PROJECT_LEADER)
    with pytest.raises(PermissionDenied):
        services.approve_request(budget_request=req, by=elsewhere)


def test_cap_needs_override_motivation(plan_case, member, goal, project_leader, pot):
    first = ask(plan_case, member, goal, "2000.00")
    services.approve_request(budget_request=first, by=project_leader)
    second = ask(plan_case, member, goal, "500.01")
    with pytest.raises(ValidationError) as exc:
        services.approve_request(budget_request=second, by=project_leader)
    assert exc.value.code == "cap"
    assert BudgetRequest.objects.get(pk=second.pk).status == RequestStatus.REQUESTED
    services.approve_request(
        budget_request=second,
        by=project_leader,
        override_motivation="Zonder deze borg verliest de inwoner de woning.",
    )
    second.refresh_from_db()
    assert second.cap_override and second.override_motivation.startswith("Zonder")


def test_exactly_the_cap_is_allowed_without_override(plan_case, member, goal, project_leader, pot):
    # Rounding: three thirds of 2500 in cents add up exactly, no float drift.
    for amount in ["833.33", "833.33", "833.34"]:
        services.approve_request(
            budget_request=ask(plan_case, member, goal, amount), by=project_leader
        )
    assert case_section(plan_case).committed == Decimal("2500.00")
    assert not BudgetRequest.objects.filter(cap_override=True).exists()


def test_cap_is_per_team_configurable(plan_case, member, goal, project_leader, pot):
    services.set_cap(team=plan_case.team, cap="100.00", by=project_leader)
    with pytest.raises(ValidationError):
        services.approve_request(
            budget_request=ask(plan_case, member, goal, "100.01"), by=project_leader
        )


def test_cap_counts_all_cases_of_the_resident(plan_case, member, goal, project_leader, pot):
    earlier = CaseFactory(team=plan_case.team, resident=plan_case.resident)
    BudgetRequestFactory(
        case=earlier,
        status=RequestStatus.PAID,
        amount=Decimal("2400.00"),
        pot_year=pot.year,
        paid_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as exc:
        services.approve_request(
            budget_request=ask(plan_case, member, goal, "200.00"), by=project_leader
        )
    assert exc.value.code == "cap"


def test_pot_never_negative(plan_case, member, goal, project_leader, pot):
    services.set_pot(team=plan_case.team, year=pot.year, amount="3000.00", by=project_leader)
    services.set_cap(team=plan_case.team, cap="5000.00", by=project_leader)
    services.approve_request(budget_request=ask(plan_case, member, goal, "2000"), by=project_leader)
    req = ask(plan_case, member, goal, "1000.01")
    with pytest.raises(ValidationError) as exc:
        services.approve_request(
            budget_request=req, by=project_leader, override_motivation="x" * 20
        )
    assert exc.value.code == "pot"
    services.approve_request(budget_request=ask(plan_case, member, goal, "1000"), by=project_leader)
    assert team_overview(plan_case.team, pot.year).left == Decimal("0.00")


def test_no_pot_no_approval(plan_case, member, goal, project_leader):
    with pytest.raises(ValidationError) as exc:
        services.approve_request(budget_request=ask(plan_case, member, goal), by=project_leader)
    assert exc.value.code == "no_pot"


def test_pot_cannot_be_set_below_committed(plan_case, member, goal, project_leader, pot):
    services.approve_request(budget_request=ask(plan_case, member, goal, "900"), by=project_leader)
    with pytest.raises(ValidationError):
        services.set_pot(team=plan_case.team, year=pot.year, amount="899.99", by=project_leader)


def test_reject_needs_reason_and_is_final(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal)
    with pytest.raises(ValidationError):
        services.reject_request(budget_request=req, by=project_leader, reason=" ")
    services.reject_request(budget_request=req, by=project_leader, reason="Regulier te regelen")
    req.refresh_from_db()
    assert req.status == RequestStatus.REJECTED and req.decision_note == "Regulier te regelen"
    with pytest.raises(ValidationError):
        services.approve_request(budget_request=req, by=project_leader)
    with pytest.raises(ValidationError):
        services.register_payment(
            budget_request=req, by=project_leader, paid_on=timezone.localdate(), reference="X"
        )
    assert case_section(plan_case).committed == Decimal("0.00")


def test_more_info_then_requester_updates_and_back_in_queue(
    plan_case, member, goal, project_leader, pot
):
    req = ask(plan_case, member, goal)
    services.ask_more_info(budget_request=req, by=project_leader, question="Welke offerte?")
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.MORE_INFO
    services.update_request(
        budget_request=req,
        by=member,
        goal=goal,
        amount="260.00",
        purpose="Eerste huur (offerte bijgevoegd)",
        payee="Woningcorporatie",
        breakthrough="Een eigen adres.",
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.REQUESTED and req.amount == Decimal("260.00")


def test_withdraw_only_by_requester_while_open(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal)
    with pytest.raises(PermissionDenied):
        services.withdraw_request(budget_request=req, by=project_leader)
    services.withdraw_request(budget_request=req, by=member)
    with pytest.raises(ValidationError):
        services.withdraw_request(budget_request=req, by=member)


def test_payment_after_approval(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal, "75.50")
    with pytest.raises(ValidationError):
        services.register_payment(
            budget_request=req, by=project_leader, paid_on=timezone.localdate(), reference="B1"
        )
    services.approve_request(budget_request=req, by=project_leader)
    with pytest.raises(ValidationError):
        services.register_payment(
            budget_request=req,
            by=project_leader,
            paid_on=timezone.localdate() + dt.timedelta(days=1),
            reference="B1",
        )
    services.register_payment(
        budget_request=req, by=project_leader, paid_on=timezone.localdate(), reference="B1"
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.PAID and req.payment_reference == "B1"
    overview = team_overview(plan_case.team, pot.year)
    assert overview.paid == Decimal("75.50") and overview.committed == Decimal("75.50")
    with pytest.raises(ValidationError):
        services.register_payment(
            budget_request=req, by=project_leader, paid_on=timezone.localdate(), reference="B2"
        )


def test_cancelling_an_approval_frees_the_money(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal, "400.00")
    with pytest.raises(ValidationError):  # nothing approved yet
        services.cancel_approval(budget_request=req, by=project_leader, reason="Gaat niet door")
    services.approve_request(budget_request=req, by=project_leader)
    year = pot.year
    assert services.committed_in_year(team_id=plan_case.team_id, year=year) == Decimal("400.00")
    with pytest.raises(PermissionDenied):
        services.cancel_approval(budget_request=req, by=member, reason="Gaat niet door")
    with pytest.raises(ValidationError):
        services.cancel_approval(budget_request=req, by=project_leader, reason="  ")

    services.cancel_approval(
        budget_request=req, by=project_leader, reason="De verhuurder schold de achterstand kwijt."
    )

    req.refresh_from_db()
    assert req.status == RequestStatus.CANCELLED and req.cancelled_by == project_leader
    assert req.cancellation_reason == "De verhuurder schold de achterstand kwijt."
    assert services.committed_in_year(team_id=plan_case.team_id, year=year) == Decimal("0")
    assert services.committed_for_resident(
        team_id=plan_case.team_id, resident_id=plan_case.resident_id
    ) == Decimal("0")
    assert AuditEvent.objects.filter(code="budget.request.cancel", object_id=str(req.pk)).exists()
    with pytest.raises(ValidationError):  # a second time: already lapsed
        services.cancel_approval(budget_request=req, by=project_leader, reason="Nogmaals")


def test_a_paid_request_cannot_lapse(plan_case, member, goal, project_leader, pot):
    req = ask(plan_case, member, goal, "80.00")
    services.approve_request(budget_request=req, by=project_leader)
    services.register_payment(
        budget_request=req, by=project_leader, paid_on=timezone.localdate(), reference="B9"
    )
    with pytest.raises(ValidationError):
        services.cancel_approval(budget_request=req, by=project_leader, reason="Te laat bedacht")
    assert BudgetRequest.objects.get(pk=req.pk).status == RequestStatus.PAID


def test_factsheet_figures(plan_case, member, goal, project_leader, pot):
    a = ask(plan_case, member, goal, "100.00")
    b = ask(plan_case, member, goal, "200.00")
    ask(plan_case, member, goal, "50.00")
    services.approve_request(budget_request=a, by=project_leader)
    services.approve_request(budget_request=b, by=project_leader)
    services.register_payment(
        budget_request=b, by=project_leader, paid_on=timezone.localdate(), reference="P"
    )
    today = timezone.localdate()
    figures = budget_figures([plan_case.team], today - dt.timedelta(days=1), today)
    assert figures["requested_count"] == 3 and figures["requested_amount"] == Decimal("350.00")
    assert figures["approved_count"] == 2 and figures["approved_amount"] == Decimal("300.00")
    assert figures["paid_count"] == 1 and figures["paid_amount"] == Decimal("200.00")
    assert figures["residents_helped"] == 1
    empty = budget_figures([], today, today)
    assert empty["requested_count"] == 0 and empty["paid_amount"] == Decimal("0.00")
