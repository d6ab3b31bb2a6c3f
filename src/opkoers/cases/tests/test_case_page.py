import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.residents.tests.factories import CommunicationNeedFactory


def test_member_sees_case_page_with_step_and_next_step(client_for, member, case):
    response = client_for(member).get(f"/trajecten/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert case.resident.full_name in html
    assert 'aria-current="step"' in html
    assert "Volgende stap" in html


def test_case_page_view_is_audited(client_for, member, case):
    client_for(member).get(f"/trajecten/{case.pk}/")
    event = AuditEvent.objects.get(code="case.view")
    assert event.case_id == case.pk and event.actor == member


def test_communication_needs_are_shown(client_for, member, case):
    CommunicationNeedFactory(resident=case.resident, detail="Papiamento")
    html = client_for(member).get(f"/trajecten/{case.pk}/").content.decode()
    assert "Papiamento" in html


@pytest.mark.security
def test_outsider_gets_404(client_for, outsider, case):
    assert client_for(outsider).get(f"/trajecten/{case.pk}/").status_code == 404


@pytest.mark.security
def test_policy_staff_and_admin_get_404(client_for, policy_staff, functional_admin, case):
    assert client_for(policy_staff).get(f"/trajecten/{case.pk}/").status_code == 404
    assert client_for(functional_admin).get(f"/trajecten/{case.pk}/").status_code == 404


@pytest.mark.security
def test_anonymous_is_sent_to_login(client, case):
    response = client.get(f"/trajecten/{case.pk}/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("team_size", [1, 12])
def test_case_page_query_count_does_not_grow(
    client_for, member, case, team_size, django_assert_max_num_queries
):
    for _ in range(team_size):
        CaseTeamMemberFactory(case=case)
    CaseFactory.create_batch(3, team=case.team)
    client = client_for(member)
    # 13: the meetings section adds 2 (next and last conversation; open follow-up calls).
    # 20: the chained audit row adds 2; consent adds 5 (the access check; versions,
    # their organisations, legal bases, the case team for the "not covered" warning).
    # 21: the effects section adds 1 (its totals, one GROUP BY).
    # 23: the budget and deviation sections add one aggregate query each.
    with django_assert_max_num_queries(23):
        assert client.get(f"/trajecten/{case.pk}/").status_code == 200
