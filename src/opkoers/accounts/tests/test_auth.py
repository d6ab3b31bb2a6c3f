import pytest
from django.urls import reverse

from opkoers.accounts.tests.factories import TEST_PASSWORD, UserFactory
from opkoers.audit.models import AuditAction, AuditEvent

LOGIN = reverse("accounts:login")
CHANGE = reverse("accounts:password_change")
NEW_PASSWORD = "Wolkenkrabber-Houten-77"


def login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_is_dutch_and_public(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloggen bij Op Koers" in html and "Gebruikersnaam" in html and "Wachtwoord" in html


@pytest.mark.security
def test_wrong_password_shows_a_dutch_error_and_keeps_the_username(client, member):
    response = login(client, member.username, "fout-wachtwoord")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in." in html
    assert f'value="{member.username}"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.security
def test_deactivated_user_cannot_log_in(client, db):
    person = UserFactory(is_active=False)
    response = login(client, person.username, TEST_PASSWORD)
    assert "Voer een juiste gebruikersnaam en wachtwoord in." in response.content.decode()


def test_professional_lands_on_the_werkvoorraad_and_login_is_audited(client, member):
    response = login(client, member.username, TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("cases:worklist")
    event = AuditEvent.objects.get(code="accounts.login")
    assert event.actor == member and event.action == AuditAction.LOGIN


def test_functional_admin_lands_on_beheer(client, functional_admin):
    response = login(client, functional_admin.username, TEST_PASSWORD)
    assert response["Location"] == reverse("accounts:manage")


@pytest.mark.security
def test_login_follows_a_local_next_but_not_another_site(client, member):
    response = login(client, member.username, TEST_PASSWORD, next="/trajecten/")
    assert response["Location"] == "/trajecten/"
    client.logout()
    response = login(client, member.username, TEST_PASSWORD, next="https://example.com/")
    assert response["Location"] == reverse("cases:worklist")


@pytest.mark.security
def test_logout_only_by_post(client_for, member):
    client = client_for(member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == LOGIN
    assert client.get(reverse("cases:worklist")).status_code == 302


def test_header_links_to_password_change(client_for, member):
    html = client_for(member).get(CHANGE).content.decode()
    assert f'href="{CHANGE}"' in html and "Wachtwoord wijzigen" in html


def test_password_change_works(client_for, member):
    client = client_for(member)
    response = client.post(
        CHANGE,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert "Uw wachtwoord is gewijzigd." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    # This session stays signed in.
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert AuditEvent.objects.filter(code="accounts.password.change", actor=member).exists()


@pytest.mark.security
@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("fout", NEW_PASSWORD, NEW_PASSWORD, "Uw oude wachtwoord is niet juist ingevoerd."),
        (
            TEST_PASSWORD,
            NEW_PASSWORD,
            NEW_PASSWORD + "x",
            "De twee wachtwoordvelden komen niet overeen.",
        ),
        (TEST_PASSWORD, "kort", "kort", "Dit wachtwoord is te kort."),
        (TEST_PASSWORD, "qwertyuiop12", "qwertyuiop12", "Dit wachtwoord is te algemeen."),
    ],
)
def test_password_change_refusals_are_dutch(client_for, member, old, new1, new2, message):
    response = client_for(member).post(
        CHANGE, {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(TEST_PASSWORD)


@pytest.mark.security
def test_password_change_requires_login(client):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
