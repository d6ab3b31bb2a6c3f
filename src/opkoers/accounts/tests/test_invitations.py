"""Invitations instead of passwords chosen by an admin: the mail really goes out over
SMTP (aiosmtpd), its link works once, expires, and leads to choosing a password and
then setting up the second factor. The admin never sees a password or the token."""

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts import services
from opkoers.accounts.models import Invitation, Role, User
from opkoers.accounts.services import invitations
from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditEvent

pytestmark = pytest.mark.security

NEW_PASSWORD = "Wolkenkrabber-Houten-77"
LINK = re.compile(r"http://testserver(/account/uitnodiging/[^/\s]+/)")


def link_in(message):
    found = LINK.search(message.get_content())
    assert found, message.get_content()
    return found.group(1)


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def add_user(client, **overrides):
    org = OrganisationFactory(name="Wijkteam Zuid")
    data = {
        "username": "lverhoef",
        "first_name": "Lotte",
        "last_name": "Verhoef",
        "email": "lotte.verhoef@example.org",
        "organisation": str(org.pk),
        "role": Role.PROFESSIONAL,
        "job_title": "",
        "phone": "",
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }
    return client.post(reverse("accounts:user_add"), data, follow=True)


def test_new_user_gets_an_invitation_by_smtp_and_the_link_works_once(
    smtp_server, functional_admin, settings
):
    response = add_user(admin_client(functional_admin))
    html = response.content.decode()
    assert "Er is een e-mail met een eenmalige link gestuurd" in html
    person = User.objects.get(username="lverhoef")
    assert not person.has_usable_password()
    [mail] = smtp_server.messages
    assert mail["X-Envelope-To"] == "lotte.verhoef@example.org"
    assert mail["Subject"] == "Uitnodiging voor Op Koers"
    path = link_in(mail)
    token = path.rstrip("/").rsplit("/", 1)[1]
    # The admin's page never shows the token; the database holds only its hash.
    assert token not in html
    assert not Invitation.objects.filter(token_hash=token).exists()

    settings.MFA_REQUIRED = True
    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200 and "Wachtwoord kiezen" in page.content.decode()
    response = visitor.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    # Logged in by the link, straight on to setting up the authenticator app.
    assert response.status_code == 302
    assert visitor.get(response["Location"])["Location"].startswith(reverse("accounts:mfa_setup"))
    assert visitor.get(reverse("cases:worklist"))["Location"].startswith(
        reverse("accounts:mfa_verify")
    )
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    codes = list(
        AuditEvent.objects.filter(code__startswith="accounts.invitation").values_list(
            "code", "actor"
        )
    )
    assert codes == [
        ("accounts.invitation.create", functional_admin.pk),
        ("accounts.invitation.accept", person.pk),
    ]
    # Once only.
    again = Client().post(
        path, {"new_password1": "Ander-Wachtwoord-88", "new_password2": "Ander-Wachtwoord-88"}
    )
    assert again.status_code == 404 and "verlopen of al gebruikt" in again.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_a_link_expires(smtp_server, functional_admin, member):
    invitations.issue(by=functional_admin, user=member, kind="reset", base_url="http://testserver/")
    path = link_in(smtp_server.messages[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(path).status_code == 404


def test_a_new_link_replaces_the_old_one_and_reset_keeps_the_password_until_used(
    smtp_server, functional_admin, member
):
    client = admin_client(functional_admin)
    url = reverse("accounts:user_send_link", args=[member.pk])
    client.post(url)
    client.post(url)
    first, second = (link_in(m) for m in smtp_server.messages)
    assert smtp_server.messages[1]["Subject"] == "Nieuw wachtwoord kiezen voor Op Koers"
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    member.refresh_from_db()
    assert member.has_usable_password()  # someone who merely forgot is not locked out


def test_a_weak_password_is_refused_in_dutch_and_the_link_stays_valid(
    smtp_server, functional_admin, member
):
    invitations.issue(by=functional_admin, user=member, kind="reset", base_url="http://testserver/")
    path = link_in(smtp_server.messages[0])
    response = Client().post(path, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200 and "Dit wachtwoord is te kort." in response.content.decode()
    assert Invitation.objects.get().used_at is None


def test_mail_server_down_loses_nothing_and_says_so(functional_admin, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nobody listens
    settings.EMAIL_TIMEOUT = 2
    html = add_user(admin_client(functional_admin)).content.decode()
    assert "kon niet worden verstuurd" in html
    assert User.objects.filter(username="lverhoef").exists()
    assert Invitation.objects.filter(user__username="lverhoef", used_at__isnull=True).exists()


def test_the_admin_cannot_send_themself_a_link_nor_to_an_inactive_user(functional_admin, db):
    with pytest.raises(Exception) as exc:
        invitations.issue(by=functional_admin, user=functional_admin, kind="reset", base_url="")
    assert exc.value.code == "own_account"
    gone = UserFactory(is_active=False)
    with pytest.raises(Exception) as exc:
        invitations.issue(by=functional_admin, user=gone, kind="reset", base_url="")
    assert exc.value.code == "inactive"
    assert not Invitation.objects.exists()


def test_an_unknown_link_answers_404_to_everyone(client, member):
    assert client.get(reverse("accounts:invitation", args=["x" * 43])).status_code == 404
    assert client.get(reverse("accounts:invitation", args=["x" * 300])).status_code == 404


def test_the_base_url_setting_wins_over_the_request_host(
    smtp_server, functional_admin, member, settings
):
    settings.OPKOERS_BASE_URL = "https://opkoers.example.org"
    invitations.issue(
        by=functional_admin, user=member, kind="reset", base_url="http://evil.example/"
    )
    assert (
        "https://opkoers.example.org/account/uitnodiging/" in smtp_server.messages[0].get_content()
    )


def test_create_user_service_sends_the_invitation(smtp_server, functional_admin, team):
    person, sent = services.create_user(
        by=functional_admin,
        username="mvandam",
        first_name="Mees",
        last_name="van Dam",
        email="mees@example.org",
        organisation=None,
        role="professional",
        teams=[team],
        base_url="http://testserver/",
    )
    assert sent and not person.has_usable_password()
    assert smtp_server.messages[0]["X-Envelope-To"] == "mees@example.org"


@pytest.mark.parametrize("others", [0, 15])
def test_invitation_page_query_count_is_fixed(
    functional_admin, member, others, django_assert_num_queries, mailoutbox
):
    """One query for the link and its person, however many invitations exist."""
    for person in UserFactory.create_batch(others):
        invitations.issue(by=functional_admin, user=person, kind="invite", base_url="http://t/")
    invitations.issue(by=functional_admin, user=member, kind="reset", base_url="http://t/")
    path = (
        "/account/uitnodiging/"
        + mailoutbox[-1].body.split("/account/uitnodiging/")[1].split("/")[0]
        + "/"
    )
    client = Client()
    with django_assert_num_queries(1):
        response = client.get(path)
    assert response.status_code == 200
