"""Who may see and change a plan."""

import pytest

from opkoers.cases.models import CaseStatus
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.plans.models import Action, ActionStatus, Goal
from opkoers.plans.tests.factories import ActionFactory, GoalFactory

pytestmark = pytest.mark.security


@pytest.fixture
def plan_objects(plan_case, member):
    goal = GoalFactory(case=plan_case, priority=1, description="Rust over geld")
    action = ActionFactory(case=plan_case, goal=goal, description="Post sorteren")
    return goal, action


def _read_urls(case, goal, action):
    base = f"/trajecten/{case.pk}/plan/"
    return [base, f"{base}pdf/"]


def _form_urls(case, goal, action):
    base = f"/trajecten/{case.pk}/plan/"
    return [
        f"{base}doelen/nieuw/",
        f"{base}doelen/{goal.pk}/wijzigen/",
        f"{base}acties/nieuw/",
        f"{base}acties/{action.pk}/wijzigen/",
    ]


def _post_only_urls(case, goal, action):
    base = f"/trajecten/{case.pk}/plan/"
    return [
        (f"{base}vastleggen/", {"resident_agreed": "on"}),
        (f"{base}doelen/{goal.pk}/verplaatsen/", {"direction": "down"}),
        (f"{base}doelen/{goal.pk}/laten-vervallen/", {}),
        (f"{base}doelen/{goal.pk}/weer-meetellen/", {}),
        (f"{base}acties/{action.pk}/status/", {"status": ActionStatus.DONE}),
    ]


def _writes(case, goal, action):
    forms = [
        (_form_urls(case, goal, action)[0], {"domain": "financien", "description": "X"}),
        (_form_urls(case, goal, action)[1], {"domain": "financien", "description": "X"}),
        (_form_urls(case, goal, action)[2], {"description": "X", "owner": "inwoner"}),
        (_form_urls(case, goal, action)[3], {"description": "X", "owner": "inwoner"}),
    ]
    return forms + _post_only_urls(case, goal, action)


def test_outsider_gets_404_on_every_plan_view(client_for, outsider, plan_case, plan_objects):
    goal, action = plan_objects
    client = client_for(outsider)
    for url in _read_urls(plan_case, goal, action) + _form_urls(plan_case, goal, action):
        assert client.get(url).status_code == 404, url
    for url, data in _writes(plan_case, goal, action):
        assert client.post(url, data).status_code == 404, url
    assert Goal.objects.get().description == "Rust over geld"
    assert Action.objects.get().status == ActionStatus.TODO


def test_policy_staff_and_admin_get_404(
    client_for, policy_staff, functional_admin, plan_case, plan_objects
):
    goal, action = plan_objects
    for user in (policy_staff, functional_admin):
        client = client_for(user)
        for url in _read_urls(plan_case, goal, action):
            assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client, plan_case, plan_objects):
    goal, action = plan_objects
    for url in _read_urls(plan_case, goal, action):
        response = client.get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_goal_or_action_of_another_case_is_404(client_for, member, plan_case, team):
    other_case = CaseFactory(team=team, status=CaseStatus.PLAN)
    CaseTeamMemberFactory(case=other_case, user=member)
    goal = GoalFactory(case=other_case, priority=1)
    action = ActionFactory(case=other_case)
    client = client_for(member)
    base = f"/trajecten/{plan_case.pk}/plan/"
    assert client.get(f"{base}doelen/{goal.pk}/wijzigen/").status_code == 404
    assert client.get(f"{base}acties/{action.pk}/wijzigen/").status_code == 404
    assert (
        client.post(f"{base}acties/{action.pk}/status/", {"status": "afgerond"}).status_code == 404
    )
    assert client.post(f"{base}doelen/{goal.pk}/laten-vervallen/").status_code == 404


def test_same_team_project_leader_reads_the_plan_but_cannot_change_it(
    client_for, project_leader, plan_case, plan_objects
):
    goal, action = plan_objects
    client = client_for(project_leader)
    page = client.get(f"/trajecten/{plan_case.pk}/plan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Post sorteren" in html
    assert "Actie toevoegen" not in html and "Doel toevoegen" not in html
    assert "Plan vastleggen" not in html
    assert 'name="status"' not in html
    assert "niet in het casusteam" in html
    assert client.get(f"/trajecten/{plan_case.pk}/plan/pdf/").status_code == 200
    for url in _form_urls(plan_case, goal, action):
        assert client.get(url).status_code == 403, url
    for url, data in _writes(plan_case, goal, action):
        assert client.post(url, data).status_code == 403, url
    assert Goal.objects.count() == 1 and Action.objects.count() == 1
    assert Action.objects.get().status == ActionStatus.TODO


def test_closed_case_plan_is_read_only(client_for, member, plan_case, plan_objects):
    goal, action = plan_objects
    plan_case.status = CaseStatus.CLOSED
    plan_case.save(update_fields=["status"])
    client = client_for(member)
    html = client.get(f"/trajecten/{plan_case.pk}/plan/").content.decode()
    assert "afgesloten" in html and "Actie toevoegen" not in html
    for url, data in _writes(plan_case, goal, action):
        assert client.post(url, data).status_code == 403, url
    assert Action.objects.get().status == ActionStatus.TODO
