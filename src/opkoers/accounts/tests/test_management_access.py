"""Only the functional admin reaches the management pages."""

import pytest
from django.urls import reverse

from opkoers.accounts.models import TeamMembership
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import ResultKind

GET_PAGES = [
    ("accounts:manage", None),
    ("accounts:organisations", None),
    ("accounts:organisation_add", None),
    ("accounts:organisation_edit", "organisation"),
    ("accounts:teams", None),
    ("accounts:team_add", None),
    ("accounts:team_edit", "team"),
    ("accounts:users", None),
    ("accounts:user_add", None),
    ("accounts:user_edit", "user"),
    ("accounts:result_kinds", None),
    ("accounts:result_kind_add", None),
    ("accounts:result_kind_edit", "kind"),
]
POST_ONLY = [
    ("accounts:team_member_add", "team"),
    ("accounts:team_member_remove", "membership"),
    ("accounts:user_send_link", "user"),
]
ALL = GET_PAGES + POST_ONLY


@pytest.fixture
def targets(team):
    person = UserFactory(teams=[team])
    return {
        "organisation": [OrganisationFactory().pk],
        "team": [team.pk],
        "user": [person.pk],
        "kind": [ResultKind.objects.create(name="Testresultaat").pk],
        "membership": [team.pk, person.pk],
    }


def url_for(name, target, targets):
    return reverse(name, args=targets[target] if target else [])


@pytest.mark.parametrize(("name", "target"), GET_PAGES)
def test_functional_admin_may_open_every_page(client_for, functional_admin, targets, name, target):
    response = client_for(functional_admin).get(url_for(name, target, targets))
    assert response.status_code == 200


@pytest.mark.security
@pytest.mark.parametrize("who", ["member", "project_leader", "policy_staff"])
@pytest.mark.parametrize(("name", "target"), ALL)
def test_everyone_else_gets_403(request, client_for, targets, who, name, target):
    client = client_for(request.getfixturevalue(who))
    url = url_for(name, target, targets)
    if (name, target) in GET_PAGES:
        assert client.get(url).status_code == 403
    memberships = TeamMembership.objects.count()
    assert client.post(url, {"name": "Poging", "user": targets["user"][0]}).status_code == 403
    assert TeamMembership.objects.count() == memberships


@pytest.mark.security
@pytest.mark.parametrize(("name", "target"), ALL)
def test_anonymous_is_sent_to_login(client, targets, name, target):
    url = url_for(name, target, targets)
    for response in (client.get(url), client.post(url, {"name": "Poging"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.security
def test_deactivated_admin_session_loses_access(client_for, functional_admin):
    client = client_for(functional_admin)
    functional_admin.is_active = False
    functional_admin.save()
    response = client.get(reverse("accounts:manage"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.security
def test_admin_pages_show_no_case_content(client_for, functional_admin, case):
    """The functional admin manages the team but never sees who its residents are."""
    # A name no other person on the page can have (the others' names are fixed too).
    type(case.resident).objects.filter(pk=case.resident_id).update(last_name="Zwaluwstaart")
    html = client_for(functional_admin).get(reverse("accounts:team_edit", args=[case.team.pk]))
    assert "Zwaluwstaart" not in html.content.decode()
