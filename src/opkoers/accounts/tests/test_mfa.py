"""Second login step with an authenticator app: enrolment, login, replay, throttling,
the admin's reset and the demo-mode switch."""

import pytest
from django.test import Client
from django.urls import reverse

from opkoers.accounts.models import MfaDevice, Role
from opkoers.accounts.security import totp
from opkoers.accounts.security.secretbox import open_box
from opkoers.accounts.services import mfa
from opkoers.accounts.tests.factories import TEST_PASSWORD, UserFactory
from opkoers.audit.models import AuditEvent

pytestmark = pytest.mark.security

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:mfa_verify")
SETUP = reverse("accounts:mfa_setup")
WORKLIST = reverse("cases:worklist")


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED = True


def code_for(user, offset=0):
    secret = open_box(MfaDevice.objects.get(user=user).sealed_secret)
    return totp.hotp(totp.secret_bytes(secret), totp.time_step() + offset)


def enrolled(user):
    mfa.pending_secret(user=user)
    mfa.confirm_enrolment(user=user, code=code_for(user))
    return user


def password_login(client, user):
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})


def test_first_login_leads_to_enrolment_then_the_worklist(client, member):
    response = password_login(client, member)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    # Every other page is closed until the second step is done.
    response = client.get(WORKLIST)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    response = client.get(VERIFY, {"next": WORKLIST})
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    page = client.get(SETUP).content.decode()
    secret = open_box(MfaDevice.objects.get(user=member).sealed_secret)
    assert totp.grouped(secret) in page and "otpauth://totp/" in page
    # Reloading keeps the same secret: the app may already have it.
    client.get(SETUP)
    assert open_box(MfaDevice.objects.get(user=member).sealed_secret) == secret
    response = client.post(SETUP, {"code": code_for(member), "next": WORKLIST})
    assert response.status_code == 302 and response["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200
    assert client.session[mfa.MFA_VERIFIED] is True
    assert AuditEvent.objects.filter(code="accounts.mfa.enrolled", actor=member).count() == 1


def test_enrolment_with_a_wrong_code_is_refused_in_dutch(client, member):
    password_login(client, member)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000" if code_for(member) != "000000" else "111111"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert MfaDevice.objects.get(user=member).confirmed_at is None
    assert client.get(WORKLIST).status_code == 302


def test_login_with_password_and_code(client, member):
    enrolled(member)
    response = password_login(client, member)
    assert response["Location"].startswith(VERIFY)
    assert client.get(WORKLIST)["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": code_for(member, +1), "next": WORKLIST})
    assert response.status_code == 302 and response["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200
    assert AuditEvent.objects.filter(code="accounts.mfa.verified", actor=member).exists()


def test_wrong_code_is_refused_and_keeps_the_gate_closed(client, member):
    enrolled(member)
    password_login(client, member)
    response = client.post(VERIFY, {"code": "12345"})
    assert response.status_code == 200 and "Zes cijfers" in response.content.decode()
    response = client.post(VERIFY, {"code": "abcdef"})
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(WORKLIST).status_code == 302


def test_a_code_cannot_be_used_twice(client, member):
    enrolled(member)
    password_login(client, member)
    code = code_for(member, +1)
    assert client.post(VERIFY, {"code": code})["Location"] == WORKLIST
    other = Client()
    password_login(other, member)
    response = other.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "al gebruikt" in response.content.decode()
    # Nor an older one: only steps after the last used one count.
    response = other.post(VERIFY, {"code": code_for(member)})
    assert response.status_code == 200


def test_code_step_is_throttled_like_the_password(client, member, settings):
    settings.OPKOERS_LOCKOUT = {"MAX_FAILURES": 3, "WINDOW_MINUTES": 15, "LOCK_MINUTES": 15}
    enrolled(member)
    password_login(client, member)
    wrong = "000000" if code_for(member, +1) != "000000" else "111111"
    for _ in range(3):
        response = client.post(VERIFY, {"code": wrong})
    assert "Te veel mislukte pogingen" in response.content.decode()
    # Even the right code is refused while locked.
    response = client.post(VERIFY, {"code": code_for(member, +1)})
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert client.get(WORKLIST).status_code == 302
    assert AuditEvent.objects.filter(code="accounts.login.locked", actor=member).exists()


def test_a_stolen_password_cannot_replace_the_app(client, member):
    enrolled(member)
    password_login(client, member)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == VERIFY
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == VERIFY


def test_policy_staff_need_no_second_step_but_may_set_one_up(client, policy_staff):
    response = password_login(client, policy_staff)
    assert response.status_code == 302 and not response["Location"].startswith(VERIFY)
    assert client.get(SETUP).status_code == 200


def test_demo_mode_offers_but_does_not_require_mfa(client, member, settings):
    settings.MFA_REQUIRED = False
    response = password_login(client, member)
    assert response["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200
    # Whoever set it up anyway is asked for the code.
    enrolled(member)
    client.logout()
    assert password_login(client, member)["Location"].startswith(VERIFY)


def test_temporary_password_user_does_mfa_first_then_changes_password(client, db):
    person = UserFactory(must_change_password=True)
    password_login(client, person)
    assert client.get(SETUP).status_code == 200
    response = client.post(SETUP, {"code": code_for(person)})
    assert client.get(WORKLIST)["Location"] == reverse("accounts:password_change")
    assert response.status_code == 302


def test_functional_admin_resets_mfa_and_it_is_audited(client_for, functional_admin, member):
    enrolled(member)
    url = reverse("accounts:user_mfa_reset", args=[member.pk])
    client = client_for(functional_admin)
    session = client.session
    session[mfa.MFA_VERIFIED] = True
    session.save()
    response = client.post(url)
    assert response.status_code == 302
    assert not MfaDevice.objects.filter(user=member).exists()
    event = AuditEvent.objects.get(code="accounts.mfa.reset")
    assert event.actor == functional_admin and event.object_id == str(member.pk)
    # Next login: set up a new app.
    other = Client()
    password_login(other, member)
    assert other.get(VERIFY)["Location"].startswith(SETUP)


def test_only_a_functional_admin_can_reset_and_not_their_own(client_for, functional_admin, member):
    enrolled(member)
    url = reverse("accounts:user_mfa_reset", args=[member.pk])
    professional = client_for(member)
    session = professional.session
    session[mfa.MFA_VERIFIED] = True
    session.save()
    assert professional.post(url).status_code == 403
    assert MfaDevice.objects.filter(user=member).exists()
    admin = client_for(functional_admin)
    session = admin.session
    session[mfa.MFA_VERIFIED] = True
    session.save()
    assert admin.get(url).status_code == 405
    own = reverse("accounts:user_mfa_reset", args=[functional_admin.pk])
    admin.post(own)
    assert not AuditEvent.objects.filter(code="accounts.mfa.reset").exists()


def test_forged_next_is_not_followed(client, member):
    enrolled(member)
    password_login(client, member)
    response = client.post(VERIFY, {"code": code_for(member, +1), "next": "https://example.com/"})
    assert response["Location"] == WORKLIST


def test_secret_never_in_the_database_in_plain_text(db):
    person = UserFactory(role=Role.PROJECT_LEADER)
    secret = mfa.pending_secret(user=person)
    assert secret not in MfaDevice.objects.get(user=person).sealed_secret
