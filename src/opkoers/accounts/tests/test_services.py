import pytest
from django.contrib.auth import authenticate as _authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from opkoers.accounts import services
from opkoers.accounts.models import Organisation, Role, Team, TeamMembership, User
from opkoers.accounts.services import invitations
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.cases.tests.factories import CaseFactory

GOOD_PASSWORD = "Kompas-Houtenburg-2024"


def authenticate(**credentials):
    """django-axes needs the request (its address is half of the lockout key)."""
    return _authenticate(RequestFactory().post("/account/inloggen/"), **credentials)


def audit_codes() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("code", flat=True))


# --- organisations ---------------------------------------------------------------------


def test_create_and_update_organisation_are_audited(functional_admin):
    org = services.create_organisation(
        by=functional_admin, name=" WIL ", kind="uitkeringsinstantie"
    )
    assert org.name == "WIL"
    updated = services.update_organisation(
        by=functional_admin,
        organisation=org,
        name="WIL Lekstroom",
        kind="uitkeringsinstantie",
        active=False,
    )
    assert updated.name == "WIL Lekstroom" and updated.active is False
    event = AuditEvent.objects.get(code="accounts.organisation.update")
    assert event.detail == {"changed": ["name", "active"]}
    assert event.action == AuditAction.UPDATE and event.actor == functional_admin
    assert "accounts.organisation.create" in audit_codes()


def test_organisation_name_is_unique_ignoring_case(functional_admin):
    OrganisationFactory(name="Woonzorg")
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(by=functional_admin, name="woonzorg", kind="woningcorporatie")
    assert "al een organisatie" in exc.value.message_dict["name"][0]
    assert Organisation.objects.filter(name__iexact="woonzorg").count() == 1


def test_update_without_changes_writes_no_audit_row(functional_admin):
    org = OrganisationFactory(name="GGZ Regio", kind="ggz")
    services.update_organisation(
        by=functional_admin, organisation=org, name="GGZ Regio", kind="ggz", active=True
    )
    assert not AuditEvent.objects.filter(code="accounts.organisation.update").exists()


# --- teams -----------------------------------------------------------------------------


def test_create_team_with_working_agreements(functional_admin):
    team = services.create_team(
        by=functional_admin,
        name="Op Koers Noord",
        municipality="Houten",
        follow_up_working_days=2,
        next_conversation_days=10,
        overleg_weekday=3,
    )
    team.refresh_from_db()
    assert (team.follow_up_working_days, team.next_conversation_days, team.overleg_weekday) == (
        2,
        10,
        3,
    )
    assert AuditEvent.objects.filter(code="accounts.team.create", object_id=str(team.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("follow_up_working_days", 0),
        ("next_conversation_days", 500),
        ("overleg_weekday", 6),
        ("retention_months_after_closing", 3),
        ("retention_months_after_closing", 121),
    ],
)
def test_team_settings_out_of_range_are_refused(functional_admin, field, value):
    values = {
        "name": "Op Koers Zuid",
        "municipality": "Houten",
        "follow_up_working_days": 3,
        "next_conversation_days": 14,
        "overleg_weekday": 1,
        field: value,
    }
    with pytest.raises(ValidationError) as exc:
        services.create_team(by=functional_admin, **values)
    assert field in exc.value.message_dict
    assert not Team.objects.filter(name="Op Koers Zuid").exists()


def test_team_with_open_cases_cannot_be_deactivated(functional_admin, case):
    team = case.team
    with pytest.raises(ValidationError) as exc:
        services.update_team(
            by=functional_admin,
            team=team,
            name=team.name,
            municipality=team.municipality,
            follow_up_working_days=3,
            next_conversation_days=14,
            overleg_weekday=1,
            active=False,
        )
    assert "lopende trajecten" in exc.value.message_dict["active"][0]
    team.refresh_from_db()
    assert team.active


def test_team_with_only_closed_cases_can_be_deactivated(functional_admin, team):
    CaseFactory(team=team, status=CaseStatus.CLOSED)
    updated = services.update_team(
        by=functional_admin,
        team=team,
        name=team.name,
        municipality=team.municipality,
        follow_up_working_days=3,
        next_conversation_days=14,
        overleg_weekday=1,
        active=False,
    )
    assert updated.active is False


def test_add_and_remove_member(functional_admin, team):
    person = UserFactory()
    services.add_member(by=functional_admin, team=team, user=person)
    services.add_member(by=functional_admin, team=team, user=person)  # double click: no error
    assert TeamMembership.objects.filter(team=team, user=person).count() == 1
    assert services.remove_member(by=functional_admin, team=team, user=person) is True
    assert not TeamMembership.objects.filter(team=team, user=person).exists()
    assert services.remove_member(by=functional_admin, team=team, user=person) is False
    assert audit_codes().count("accounts.membership.add") == 1
    assert audit_codes().count("accounts.membership.remove") == 1


def test_inactive_user_or_team_gets_no_members(functional_admin, team):
    with pytest.raises(ValidationError, match="gedeactiveerd"):
        services.add_member(by=functional_admin, team=team, user=UserFactory(is_active=False))
    closed_team = TeamFactory(active=False)
    with pytest.raises(ValidationError, match="gedeactiveerd"):
        services.add_member(by=functional_admin, team=closed_team, user=UserFactory())


# --- users -----------------------------------------------------------------------------


def create(functional_admin, **overrides):
    values = {
        "by": functional_admin,
        "username": "fbakker",
        "first_name": "Fatma",
        "last_name": "Bakker",
        "email": "f.bakker@example.org",
        "organisation": OrganisationFactory(),
        "role": Role.PROFESSIONAL,
        "job_title": "Consulent",
        "phone": "030 123 4567",
        "teams": [],
        "base_url": "http://testserver/",
    }
    values.update(overrides)
    return services.create_user(**values)


@pytest.mark.security
def test_create_user_has_no_password_and_gets_an_invitation(functional_admin, team, mailoutbox):
    user, sent = create(functional_admin, teams=[team])
    assert sent and not user.has_usable_password()
    assert list(user.teams.all()) == [team]
    event = AuditEvent.objects.get(code="accounts.user.create")
    assert event.object_id == str(user.pk)
    assert AuditEvent.objects.filter(code="accounts.invitation.create", actor=functional_admin)
    assert [m.to for m in mailoutbox] == [["f.bakker@example.org"]]
    # Nothing a person could type logs in.
    assert authenticate(username="fbakker", password="") is None


def test_create_user_needs_an_email_address(functional_admin):
    with pytest.raises(ValidationError) as exc:
        create(functional_admin, email=" ")
    assert exc.value.error_dict["email"][0].code == "email"
    assert not User.objects.filter(username="fbakker").exists()


@pytest.mark.security
@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort1", "password_too_short"),
        ("123456789012", "password_entirely_numeric"),
        ("password1234", "password_too_common"),
        ("fatmabakker1", "password_too_similar"),
    ],
)
def test_password_validators_are_enforced_when_the_person_chooses(
    functional_admin, password, code, mailoutbox
):
    user, _sent = create(functional_admin)
    token = mailoutbox[0].body.split("/account/uitnodiging/")[1].split("/")[0]
    with pytest.raises(ValidationError) as exc:
        invitations.accept(token=token, password=password)
    assert code in [e.code for e in exc.value.error_dict["new_password1"]]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_username_is_unique_ignoring_case(functional_admin):
    create(functional_admin)
    with pytest.raises(ValidationError) as exc:
        create(functional_admin, username="FBakker")
    assert exc.value.error_dict["username"][0].code == "taken"


def test_update_user_edits_fields_and_teams(functional_admin, team, other_team):
    person = UserFactory(teams=[team])
    new_org = OrganisationFactory(name="Schuldhulp Rivierenland")
    updated = services.update_user(
        by=functional_admin,
        user=person,
        first_name="Noor",
        last_name="Visser",
        email="n.visser@example.org",
        organisation=new_org,
        role=Role.PROJECT_LEADER,
        job_title="Projectleider",
        phone="",
        is_active=True,
        teams=[other_team],
    )
    assert (updated.first_name, updated.organisation, updated.role) == (
        "Noor",
        new_org,
        Role.PROJECT_LEADER,
    )
    assert list(updated.teams.all()) == [other_team]
    detail = AuditEvent.objects.get(code="accounts.user.update").detail
    assert detail["teams_added"] == [str(other_team.pk)]
    assert detail["teams_removed"] == [str(team.pk)]
    assert "role" in detail["changed"] and "Noor" not in str(detail)


def test_deactivated_user_cannot_log_in(functional_admin):
    person = UserFactory()
    services.update_user(
        by=functional_admin,
        user=person,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        organisation=person.organisation,
        role=person.role,
        job_title="",
        phone="",
        is_active=False,
    )
    person.refresh_from_db()
    assert person.is_active is False
    assert User.objects.filter(pk=person.pk).exists()  # deactivated, never deleted
    from opkoers.accounts.tests.factories import TEST_PASSWORD

    assert authenticate(username=person.username, password=TEST_PASSWORD) is None


@pytest.mark.security
@pytest.mark.parametrize(
    ("is_active", "role", "field"),
    [(False, Role.FUNCTIONAL_ADMIN, "is_active"), (True, Role.PROFESSIONAL, "role")],
)
def test_admin_cannot_deactivate_self_or_drop_own_admin_role(
    functional_admin, is_active, role, field
):
    with pytest.raises(ValidationError) as exc:
        services.update_user(
            by=functional_admin,
            user=functional_admin,
            first_name="Anouk",
            last_name="Beheer",
            email="",
            organisation=functional_admin.organisation,
            role=role,
            job_title="",
            phone="",
            is_active=is_active,
        )
    assert field in exc.value.message_dict
    functional_admin.refresh_from_db()
    assert functional_admin.is_active and functional_admin.role == Role.FUNCTIONAL_ADMIN
    assert functional_admin.first_name != "Anouk"


def test_another_admin_can_be_demoted(functional_admin):
    other_admin = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    updated = services.update_user(
        by=functional_admin,
        user=other_admin,
        first_name=other_admin.first_name,
        last_name=other_admin.last_name,
        email=other_admin.email,
        organisation=other_admin.organisation,
        role=Role.POLICY_STAFF,
        job_title="",
        phone="",
        is_active=True,
    )
    assert updated.role == Role.POLICY_STAFF


@pytest.mark.security
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.FUNCTIONAL_ADMIN])
def test_admin_cannot_change_own_role(functional_admin, role):
    """Not to privacy officer, project leader or any other: "not your own role"."""
    with pytest.raises(ValidationError) as exc:
        services.update_user(
            by=functional_admin,
            user=functional_admin,
            first_name=functional_admin.first_name,
            last_name=functional_admin.last_name,
            email=functional_admin.email,
            organisation=functional_admin.organisation,
            role=role,
            job_title="",
            phone="",
            is_active=True,
        )
    assert exc.value.error_dict["role"][0].code == "own_role"
    functional_admin.refresh_from_db()
    assert functional_admin.role == Role.FUNCTIONAL_ADMIN


def test_change_own_password_is_audited(member):
    services.change_own_password(user=member, password=GOOD_PASSWORD)
    member.refresh_from_db()
    assert member.check_password(GOOD_PASSWORD)
    assert AuditEvent.objects.get(code="accounts.password.change").actor == member
