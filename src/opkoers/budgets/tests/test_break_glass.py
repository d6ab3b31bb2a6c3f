"""Break-glass shows the budget page and changes nothing (issue 11): no request is made,
changed or withdrawn, and a project leader on break-glass decides, pays or cancels
nothing; refused in the view (403, audited as breakglass.refused) and in the service."""

from decimal import Decimal

import pytest
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.budgets import services
from opkoers.budgets.models import BudgetPot, BudgetRequest, RequestStatus
from opkoers.budgets.tests.factories import BudgetRequestFactory
from opkoers.cases.access import BreakGlassRefused
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = pytest.mark.security

REASON = "Inwoner belt in paniek, contactpersoon is ziek"


@pytest.fixture
def requests_(plan_case, goal, member, project_leader, pot):
    open_request = BudgetRequestFactory(case=plan_case, goal=goal, requested_by=member)
    approved = BudgetRequestFactory(
        case=plan_case,
        goal=goal,
        requested_by=member,
        status=RequestStatus.APPROVED,
        decided_by=project_leader,
        decided_at=timezone.now(),
        pot_year=timezone.localdate().year,
    )
    return open_request, approved


@pytest.fixture(params=["colleague", "uncovered"])
def emergency_user(request, plan_case):
    """A colleague of the team who is not at the table, and a case-team member whose
    organisation the consent does not cover: both see the case only on break-glass."""
    user = request.getfixturevalue(request.param)
    break_glass(user=user, case=plan_case, reason=REASON)
    return user


@pytest.fixture
def emergency_leader(team, plan_case):
    """A project leader of the team whose organisation the consent does not cover."""
    leader = UserFactory(
        teams=[team], role=Role.PROJECT_LEADER, organisation=OrganisationFactory(name="Elders")
    )
    break_glass(user=leader, case=plan_case, reason=REASON)
    return leader


def _snapshot():
    return [list(model.objects.order_by("pk").values()) for model in (BudgetRequest, BudgetPot)]


def _request_data(goal):
    return {
        "goal": str(goal.pk),
        "amount": "100,00",
        "purpose": "Borg",
        "payee": "Verhuurder",
        "breakthrough": "Een eigen adres maakt werk mogelijk.",
    }


def test_break_glass_reads_the_budget_page(client_for, emergency_user, plan_case, requests_):
    response = client_for(emergency_user).get(f"/trajecten/{plan_case.pk}/budget/")
    assert response.status_code == 200
    assert requests_[0].purpose in response.content.decode()
    assert "aanvragen/" not in response.content.decode()


def test_break_glass_cannot_post_on_the_case_budget(
    client_for, emergency_user, plan_case, goal, requests_
):
    open_request, _approved = requests_
    base = f"/trajecten/{plan_case.pk}/budget/"
    posts = [
        (f"{base}aanvragen/", _request_data(goal)),
        (f"{base}{open_request.pk}/wijzigen/", _request_data(goal)),
        (f"{base}{open_request.pk}/intrekken/", {}),
    ]
    client = client_for(emergency_user)
    before = _snapshot()
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_user)
    for number, (url, data) in enumerate(posts, start=1):
        assert client.post(url, data).status_code == 403, url
        assert refused.count() == number, url
    assert _snapshot() == before


def test_a_leader_on_break_glass_decides_pays_and_cancels_nothing(
    client_for, emergency_leader, plan_case, requests_
):
    open_request, approved = requests_
    posts = [
        (f"/budget/aanvragen/{open_request.pk}/besluit/", {"decision": "approve"}),
        (f"/budget/aanvragen/{open_request.pk}/besluit/", {"decision": "reject", "note": "Nee"}),
        (
            f"/budget/aanvragen/{approved.pk}/betaling/",
            {"paid_on": timezone.localdate().isoformat(), "reference": "FIN-1"},
        ),
        (f"/budget/aanvragen/{approved.pk}/intrekken/", {"reason": "De cursus is geschrapt."}),
    ]
    client = client_for(emergency_leader)
    before = _snapshot()
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_leader)
    for number, (url, data) in enumerate(posts, start=1):
        assert client.post(url, data).status_code == 403, url
        assert refused.count() == number, url
        assert refused.order_by("-id").first().case_id == plan_case.pk
    assert _snapshot() == before


def test_the_request_services_refuse_break_glass(emergency_user, plan_case, goal, requests_):
    open_request, _approved = requests_
    texts = {"purpose": "Borg", "payee": "Verhuurder", "breakthrough": "Een eigen adres."}
    before = _snapshot()
    attempts = [
        lambda: services.request_budget(
            case=plan_case, by=emergency_user, goal=goal, amount="100.00", **texts
        ),
        lambda: services.update_request(
            budget_request=open_request, by=emergency_user, goal=goal, amount="1.00", **texts
        ),
        lambda: services.withdraw_request(budget_request=open_request, by=emergency_user),
    ]
    for attempt in attempts:
        with pytest.raises(BreakGlassRefused):
            attempt()
    assert _snapshot() == before


def test_the_decision_services_refuse_a_leader_on_break_glass(emergency_leader, requests_):
    open_request, approved = requests_
    by = emergency_leader
    before = _snapshot()
    attempts = [
        lambda: services.approve_request(budget_request=open_request, by=by),
        lambda: services.reject_request(budget_request=open_request, by=by, reason="Nee"),
        lambda: services.ask_more_info(budget_request=open_request, by=by, question="Hoe?"),
        lambda: services.register_payment(
            budget_request=approved, by=by, paid_on=timezone.localdate(), reference="FIN-1"
        ),
        lambda: services.cancel_approval(budget_request=approved, by=by, reason="Geschrapt"),
    ]
    for attempt in attempts:
        with pytest.raises(BreakGlassRefused):
            attempt()
    assert _snapshot() == before
    assert BudgetPot.objects.get().amount == Decimal("10000.00")
