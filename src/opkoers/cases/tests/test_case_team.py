"""The case team: services (add, contact person, backup, remove) and the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus, CaseTeamMember
from opkoers.cases.services.case_team import (
    add_member,
    remove_member,
    set_backup,
    set_contact_person,
    update_member,
)
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.cases.tests.intake_helpers import TOKEN, set_status


def contact_of(case):
    return CaseTeamMember.objects.get(case=case, is_contact_person=True)


@pytest.fixture
def member_row(case, member):
    return CaseTeamMember.objects.get(case=case, user=member)


@pytest.fixture
def colleague_row(case, colleague, member):
    return add_member(case=case, user=colleague, role_on_case="Werkcoach", by=member)


# --- services -------------------------------------------------------------------------


def test_add_member_from_the_team(case, member, colleague):
    row = add_member(case=case, user=colleague, role_on_case=" Werkcoach ", by=member)
    assert row.role_on_case == "Werkcoach" and not row.is_contact_person
    assert contact_of(case).user == member
    event = AuditEvent.objects.get(code="case.team.add")
    assert event.case_id == case.pk and event.detail["user"] == str(colleague.pk)


def test_first_member_becomes_contact_person(team, colleague, project_leader):
    # The project leader is at every table of the team; a colleague who is not cannot
    # add themself (cases/access.py).
    case = CaseFactory(team=team)
    row = add_member(case=case, user=colleague, role_on_case="Consulent", by=project_leader)
    assert row.is_contact_person


def test_add_member_as_contact_moves_the_contact(case, member, colleague):
    add_member(case=case, user=colleague, role_on_case="Werkcoach", by=member, make_contact=True)
    assert contact_of(case).user == colleague
    assert CaseTeamMember.objects.filter(case=case, is_contact_person=True).count() == 1


@pytest.mark.security
def test_add_member_refuses_someone_outside_the_team(case, member, outsider):
    with pytest.raises(ValidationError, match="Alleen professionals uit het team"):
        add_member(case=case, user=outsider, role_on_case="Werkcoach", by=member)
    assert not CaseTeamMember.objects.filter(user=outsider).exists()


def test_add_member_refuses_roles_without_cases(case, member, team):
    staff = UserFactory(teams=[team], role=Role.POLICY_STAFF)
    with pytest.raises(ValidationError):
        add_member(case=case, user=staff, role_on_case="Beleid", by=member)


def test_add_member_refuses_twice_and_empty_role(case, member, colleague):
    with pytest.raises(ValidationError, match="zit al in het casusteam"):
        add_member(case=case, user=member, role_on_case="Consulent", by=member)
    with pytest.raises(ValidationError, match="rol"):
        add_member(case=case, user=colleague, role_on_case="  ", by=member)


def test_switching_contact_person_moves_it(case, member, member_row, colleague_row):
    set_contact_person(case=case, member=colleague_row, by=member)
    member_row.refresh_from_db()
    colleague_row.refresh_from_db()
    assert colleague_row.is_contact_person and not member_row.is_contact_person
    event = AuditEvent.objects.filter(code="case.team.contact").last()
    assert event.detail["previous"] == str(member.pk)


def test_contact_person_must_be_on_this_case(case, member, team):
    other_case_row = CaseTeamMemberFactory(case=CaseFactory(team=team))
    with pytest.raises(ValidationError):
        set_contact_person(case=case, member=other_case_row, by=member)
    assert contact_of(case).user == member


def test_backup_is_another_team_member(case, member, member_row, colleague):
    set_backup(case=case, member=member_row, backup=colleague, by=member)
    member_row.refresh_from_db()
    assert member_row.backup == colleague
    set_backup(case=case, member=member_row, backup=None, by=member)
    member_row.refresh_from_db()
    assert member_row.backup is None


def test_backup_cannot_be_oneself_or_an_outsider(case, member, member_row, outsider):
    with pytest.raises(ValidationError, match="eigen vervanger"):
        set_backup(case=case, member=member_row, backup=member, by=member)
    with pytest.raises(ValidationError, match="professional uit het team"):
        set_backup(case=case, member=member_row, backup=outsider, by=member)


def test_update_member_changes_role(case, member, member_row):
    update_member(case=case, member=member_row, role_on_case="Regisseur", backup=None, by=member)
    member_row.refresh_from_db()
    assert member_row.role_on_case == "Regisseur"


def test_remove_a_member(case, member, colleague_row):
    remove_member(case=case, member=colleague_row, by=member)
    assert not CaseTeamMember.objects.filter(pk=colleague_row.pk).exists()
    assert AuditEvent.objects.filter(code="case.team.remove", case_id=case.pk).exists()


def test_contact_person_leaves_only_with_a_successor(case, member, member_row, colleague_row):
    with pytest.raises(ValidationError, match="contactpersoon"):
        remove_member(case=case, member=member_row, by=member)
    with pytest.raises(ValidationError):
        remove_member(case=case, member=member_row, by=member, new_contact=member_row)
    assert CaseTeamMember.objects.filter(pk=member_row.pk).exists()
    remove_member(case=case, member=member_row, by=member, new_contact=colleague_row)
    assert contact_of(case) == colleague_row
    assert not CaseTeamMember.objects.filter(pk=member_row.pk).exists()


def test_a_new_contact_is_ignored_when_removing_someone_else(case, member, colleague_row, team):
    stray = CaseTeamMemberFactory(case=CaseFactory(team=team))
    remove_member(case=case, member=colleague_row, by=member, new_contact=stray)
    assert contact_of(case).user == member
    stray.refresh_from_db()
    assert not stray.is_contact_person


@pytest.mark.parametrize(
    "call",
    [
        lambda case, m, row, c: add_member(case=case, user=c, role_on_case="X", by=m),
        lambda case, m, row, c: set_contact_person(case=case, member=row, by=m),
        lambda case, m, row, c: set_backup(case=case, member=row, backup=c, by=m),
        lambda case, m, row, c: remove_member(case=case, member=row, by=m),
    ],
)
def test_closed_case_team_cannot_change(case, member, member_row, colleague, call):
    set_status(case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError, match="afgesloten"):
        call(case, member, member_row, colleague)


# --- page -----------------------------------------------------------------------------


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def test_team_page_shows_members_with_organisation(client_for, member, case, team):
    worker = UserFactory(
        teams=[team], first_name="Joost", organisation=OrganisationFactory(name="Schuldhulp")
    )
    CaseTeamMemberFactory(case=case, user=worker, role_on_case="Schuldhulpverlener")
    response = client_for(member).get(url("team", case))
    html = response.content.decode()
    assert "Schuldhulp" in html and "Schuldhulpverlener" in html
    assert member.organisation.name in html
    assert AuditEvent.objects.filter(code="case.team.view").exists()


def test_add_member_page_flow(client_for, member, colleague, case):
    data = {
        "add-user": str(colleague.pk),
        "add-role_on_case": "Werkcoach",
        "add-backup": str(member.pk),
        "add-make_contact": "on",
        "submission_token": TOKEN,
    }
    client = client_for(member)
    response = client.post(url("team_add", case), data)
    assert response.status_code == 302 and response["Location"] == url("team", case)
    client.post(url("team_add", case), data)  # a double click adds nobody twice
    row = CaseTeamMember.objects.get(case=case, user=colleague)
    assert row.is_contact_person and row.backup == member


@pytest.mark.security
def test_add_member_bad_input_keeps_values(client_for, member, outsider, case):
    data = {"add-user": str(outsider.pk), "add-role_on_case": "Werk <i>coach</i>"}
    response = client_for(member).post(url("team_add", case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een professional uit het team." in html
    assert "Werk &lt;i&gt;coach&lt;/i&gt;" in html
    assert not CaseTeamMember.objects.filter(user=outsider).exists()


def test_update_member_page(client_for, member, member_row, colleague, case):
    prefix = f"m{member_row.pk.hex}"
    data = {f"{prefix}-role_on_case": "Regisseur", f"{prefix}-backup": str(colleague.pk)}
    response = client_for(member).post(url("team_update", case, member_row.pk), data)
    assert response.status_code == 302
    member_row.refresh_from_db()
    assert (member_row.role_on_case, member_row.backup) == ("Regisseur", colleague)


def test_update_member_cannot_pick_oneself_as_backup(client_for, member, member_row, case):
    prefix = f"m{member_row.pk.hex}"
    data = {f"{prefix}-role_on_case": "Regisseur", f"{prefix}-backup": str(member.pk)}
    response = client_for(member).post(url("team_update", case, member_row.pk), data)
    assert response.status_code == 200
    assert "Kies een ander lid van het team als vervanger." in response.content.decode()
    assert 'value="Regisseur"' in response.content.decode()


def test_make_contact_page(client_for, member, colleague_row, case):
    response = client_for(member).post(url("team_contact", case, colleague_row.pk))
    assert response.status_code == 302
    assert contact_of(case) == colleague_row


def test_remove_contact_needs_successor_on_the_page(
    client_for, member, member_row, colleague_row, case
):
    client = client_for(member)
    response = client.post(url("team_remove", case, member_row.pk), {})
    assert response.status_code == 200
    assert "Kies wie de nieuwe contactpersoon wordt." in response.content.decode()
    data = {f"r{member_row.pk.hex}-new_contact": str(colleague_row.pk)}
    response = client.post(url("team_remove", case, member_row.pk), data)
    assert response.status_code == 302
    assert contact_of(case) == colleague_row


def test_member_of_another_case_is_404(client_for, member, case, team):
    stray = CaseTeamMemberFactory(case=CaseFactory(team=team))
    client = client_for(member)
    assert client.post(url("team_contact", case, stray.pk)).status_code == 404
    assert client.post(url("team_remove", case, stray.pk)).status_code == 404
    assert CaseTeamMember.objects.filter(pk=stray.pk).exists()


@pytest.mark.security
def test_closed_case_team_page_is_read_only(client_for, member, member_row, colleague, case):
    set_status(case, CaseStatus.CLOSED)
    client = client_for(member)
    html = client.get(url("team", case)).content.decode()
    assert "Professional toevoegen" not in html
    data = {"add-user": str(colleague.pk), "add-role_on_case": "Werkcoach"}
    assert client.post(url("team_add", case), data).status_code == 403
    assert client.post(url("team_remove", case, member_row.pk)).status_code == 403


@pytest.mark.security
@pytest.mark.parametrize("name", ["team", "team_add", "team_update", "team_contact", "team_remove"])
def test_outsider_gets_404(client_for, outsider, member_row, case, name):
    args = [] if name in ("team", "team_add") else [member_row.pk]
    client = client_for(outsider)
    method = client.get if name == "team" else client.post
    assert method(url(name, case, *args)).status_code == 404
    assert contact_of(case) == member_row


@pytest.mark.parametrize("size", [1, 12])
def test_team_page_query_count_does_not_grow(
    client_for, member, case, team, size, django_assert_max_num_queries
):
    for _ in range(size):
        user = UserFactory(teams=[team])
        CaseTeamMemberFactory(case=case, user=user, backup=member)
    UserFactory.create_batch(size, teams=[team])
    client = client_for(member)
    with django_assert_max_num_queries(15):  # +1: the consent check in get_case_for
        assert client.get(url("team", case)).status_code == 200
