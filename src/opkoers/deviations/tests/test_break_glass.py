"""Break-glass shows a case's deviations and changes nothing (issue 11): no deviation is
registered, and a project leader on break-glass approves or rejects nothing; refused in
the view (403, audited as breakglass.refused) and in the service."""

import pytest
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.access import BreakGlassRefused
from opkoers.deviations import services
from opkoers.deviations.models import Deviation, DeviationStatus, Rule
from opkoers.deviations.tests.factories import DeviationFactory
from opkoers.deviations.tests.test_views import case_url, form_data
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = pytest.mark.security

REASON = "Inwoner belt in paniek, contactpersoon is ziek"


@pytest.fixture
def pending(open_case, member, rule):
    return DeviationFactory(
        case=open_case, rule=rule, registered_by=member, status=DeviationStatus.PENDING
    )


@pytest.fixture(params=["colleague", "uncovered"])
def emergency_user(request, open_case):
    """A colleague of the team who is not at the table, and a case-team member whose
    organisation the consent does not cover: both see the case only on break-glass."""
    user = request.getfixturevalue(request.param)
    break_glass(user=user, case=open_case, reason=REASON)
    return user


@pytest.fixture
def emergency_leader(team, open_case):
    """A project leader of the team whose organisation the consent does not cover."""
    leader = UserFactory(
        teams=[team], role=Role.PROJECT_LEADER, organisation=OrganisationFactory(name="Elders")
    )
    break_glass(user=leader, case=open_case, reason=REASON)
    return leader


def _snapshot():
    return [list(model.objects.order_by("pk").values()) for model in (Deviation, Rule)]


def test_break_glass_reads_the_deviations(client_for, emergency_user, open_case, pending):
    response = client_for(emergency_user).get(case_url(open_case))
    assert response.status_code == 200
    assert pending.what_differently in response.content.decode()


def test_break_glass_cannot_register_a_deviation(client_for, emergency_user, open_case, pending):
    client = client_for(emergency_user)
    before = _snapshot()
    assert client.get(case_url(open_case, "nieuw/")).status_code == 403
    assert client.post(case_url(open_case, "nieuw/"), form_data()).status_code == 403
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_user)
    assert refused.count() == 2
    assert {event.case_id for event in refused} == {open_case.pk}
    assert _snapshot() == before


def test_a_leader_on_break_glass_approves_nothing(client_for, emergency_leader, open_case, pending):
    client = client_for(emergency_leader)
    before = _snapshot()
    url = f"/afwijkingen/{pending.pk}/besluit/"
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert client.post(url, {"decision": "reject", "reason": "Nee"}).status_code == 403
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_leader)
    assert refused.count() == 2
    assert _snapshot() == before


def test_the_services_refuse_break_glass(
    emergency_user, emergency_leader, open_case, rule, pending
):
    before = _snapshot()
    with pytest.raises(BreakGlassRefused):
        services.register_deviation(
            case=open_case,
            by=emergency_user,
            rule=rule,
            what_differently="Urgentie zonder wachttijd.",
            why_it_helps="Het gezin blijft wonen.",
            mandate="Mandaat college",
            decided_by="Projectleider",
            decided_on=timezone.localdate(),
        )
    with pytest.raises(BreakGlassRefused):
        services.approve_deviation(deviation=pending, by=emergency_leader)
    with pytest.raises(BreakGlassRefused):
        services.reject_deviation(deviation=pending, by=emergency_leader, reason="Nee")
    assert _snapshot() == before
