"""Second login step with an authenticator app (django-otp): enrolment, login, replay,
back-off, the admin's reset and the demo-mode switch."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp

from opkoers.accounts.models import Role, TotpDevice
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
    device = TotpDevice.objects.get(user=user)
    step = int(time.time()) // TotpDevice.STEP + offset
    return str(hotp(device.bin_key, step)).zfill(6)


def wrong_code(user, offset=0):
    return "000000" if code_for(user, offset) != "000000" else "111111"


def verified_client(client_for, user):
    """A session that passed the second step, as django_otp.login() leaves it."""
    if not TotpDevice.objects.filter(user=user).exists():
        enrolled(user)
    device = TotpDevice.objects.get(user=user)
    client = client_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


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
    key = TotpDevice.objects.get(user=member).bin_key
    secret = mfa.grouped(mfa._secret_base32(key))
    assert secret in page and "otpauth://totp/" in page
    # Reloading keeps the same secret: the app may already have it.
    client.get(SETUP)
    assert TotpDevice.objects.get(user=member).bin_key == key
    response = client.post(SETUP, {"code": code_for(member), "next": WORKLIST})
    assert response.status_code == 302 and response["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200
    device = TotpDevice.objects.get(user=member)
    assert device.confirmed and device.confirmed_at is not None
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEvent.objects.filter(code="accounts.mfa.enrolled", actor=member).count() == 1


def test_enrolment_with_a_wrong_code_is_refused_in_dutch(client, member):
    password_login(client, member)
    client.get(SETUP)
    response = client.post(SETUP, {"code": wrong_code(member)})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not TotpDevice.objects.get(user=member).confirmed
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
    for malformed in ("12345", "abcdef"):
        response = client.post(VERIFY, {"code": malformed})
        assert response.status_code == 200
        assert "Vul de zes cijfers uit de app in." in response.content.decode()
    # A typing slip is not a guess: no back-off.
    assert TotpDevice.objects.get(user=member).throttling_failure_count == 0
    response = client.post(VERIFY, {"code": wrong_code(member, +1)})
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


def test_wrong_codes_back_off_and_are_audited(client, member, settings):
    """django-otp's exponential back-off: after a wrong code the next try must wait;
    even the right code is refused meanwhile. Every failure is in the audit log, and
    the fifth in a row as a lockout."""
    settings.OPKOERS_MFA_THROTTLE_FACTOR = 60
    enrolled(member)
    password_login(client, member)
    response = client.post(VERIFY, {"code": wrong_code(member, +1)})
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(VERIFY, {"code": code_for(member, +1)})
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert client.get(WORKLIST).status_code == 302
    failures = AuditEvent.objects.filter(code="auth.login_failed", actor=member)
    assert [e.detail["locked"] for e in failures.order_by("at", "id")] == [False, True]
    assert all(e.detail["stage"] == "mfa" for e in failures)
    # Once the wait is over, the right code works and the count starts again.
    TotpDevice.objects.filter(user=member).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )
    assert client.post(VERIFY, {"code": code_for(member, +1)})["Location"] == WORKLIST
    assert TotpDevice.objects.get(user=member).throttling_failure_count == 0


def test_five_wrong_codes_in_a_row_are_audited_as_a_lockout(member, settings):
    settings.OPKOERS_MFA_THROTTLE_FACTOR = 0  # no waiting, to reach five quickly
    enrolled(member)
    for _ in range(mfa.AUDITED_LOCKOUT_AT):
        with pytest.raises(Exception) as exc:
            mfa.verify(user=member, code=wrong_code(member, +1))
        assert exc.value.code == "invalid"
    event = AuditEvent.objects.get(code="auth.lockout", actor=member)
    assert event.detail == {"stage": "mfa", "known_user": True}


def test_a_stolen_password_cannot_replace_the_app(client, member):
    enrolled(member)
    password_login(client, member)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == VERIFY
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == VERIFY


@pytest.mark.parametrize("role", Role.values)
def test_every_role_needs_the_second_step(client, db, role):
    """Policy staff included: MFA_EXEMPT_ROLES is gone."""
    person = UserFactory(role=role)
    response = password_login(client, person)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get(reverse("accounts:password_change"))["Location"].startswith(VERIFY)


def test_demo_mode_offers_but_does_not_require_mfa(client, member, settings):
    settings.MFA_REQUIRED = False
    response = password_login(client, member)
    assert response["Location"] == WORKLIST
    assert client.get(WORKLIST).status_code == 200
    # Whoever set it up anyway is asked for the code.
    enrolled(member)
    client.logout()
    assert password_login(client, member)["Location"].startswith(VERIFY)


def test_functional_admin_resets_mfa_and_it_is_audited(client_for, functional_admin, member):
    enrolled(member)
    url = reverse("accounts:user_mfa_reset", args=[member.pk])
    client = verified_client(client_for, functional_admin)
    response = client.post(url)
    assert response.status_code == 302
    assert not TotpDevice.objects.filter(user=member).exists()
    event = AuditEvent.objects.get(code="accounts.mfa.reset")
    assert event.actor == functional_admin and event.object_id == str(member.pk)
    # Next login: set up a new app.
    other = Client()
    password_login(other, member)
    assert other.get(VERIFY)["Location"].startswith(SETUP)


def test_only_a_functional_admin_can_reset_and_not_their_own(client_for, functional_admin, member):
    enrolled(member)
    url = reverse("accounts:user_mfa_reset", args=[member.pk])
    professional = verified_client(client_for, member)
    assert professional.post(url).status_code == 403
    assert TotpDevice.objects.filter(user=member).exists()
    admin = verified_client(client_for, functional_admin)
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
    stored = TotpDevice.objects.get(user=person).encrypted_key
    key = TotpDevice.objects.get(user=person).bin_key
    assert secret not in stored and key.hex() not in stored
    assert secret.encode() not in stored.encode() and len(key) == 20


def test_a_session_marked_with_another_persons_device_is_not_verified(
    client_for, member, colleague
):
    """django-otp's middleware binds the device to the session's user."""
    enrolled(colleague)
    client = client_for(member)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TotpDevice.objects.get(user=colleague).persistent_id
    session.save()
    assert client.get(WORKLIST)["Location"].startswith(VERIFY)


def test_verify_codes_of_the_device_api(member, settings):
    """TotpDevice keeps django-otp's contract: verify_token with drift and no replay."""
    settings.OPKOERS_MFA_THROTTLE_FACTOR = 0
    enrolled(member)
    device = TotpDevice.objects.get(user=member)
    assert device.verify_token(code_for(member, +1))
    device.refresh_from_db()
    assert not device.verify_token(code_for(member, +1))
    assert not device.verify_token(code_for(member, +3))
    assert not device.verify_token("not a code")
