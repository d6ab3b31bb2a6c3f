"""Security headers on every page and logout after inactivity."""

import time
from urllib.parse import quote

import pytest
from django.urls import reverse

from opkoers.core.middleware import DEFAULT_CSP, LAST_ACTIVITY

pytestmark = pytest.mark.security

WORKLIST = reverse("cases:worklist")
LOGIN = reverse("accounts:login")


@pytest.mark.parametrize("url", [LOGIN, WORKLIST, "/bestaat-niet/"])
def test_strict_csp_and_security_headers_on_pages(client_for, member, url):
    response = client_for(member).get(url)
    csp = response["Content-Security-Policy"]
    assert csp == DEFAULT_CSP
    assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_csp_on_the_anonymous_login_page(client):
    assert client.get(LOGIN)["Content-Security-Policy"] == DEFAULT_CSP


def _age_session(client, seconds):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time()) - seconds
    session.save()


def test_idle_session_is_logged_out_with_a_dutch_message(client_for, member, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client = client_for(member)
    assert client.get(WORKLIST).status_code == 200
    _age_session(client, 31 * 60)
    response = client.get(WORKLIST)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(WORKLIST, safe='')}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "automatisch uitgelogd" in page and "30 minuten" in page


def test_activity_within_the_timeout_keeps_the_session(client_for, member):
    client = client_for(member)
    _age_session(client, 29 * 60)
    assert client.get(WORKLIST).status_code == 200
    # ...and counts as new activity.
    assert int(time.time()) - client.session[LAST_ACTIVITY] < 5


def test_htmx_request_after_timeout_gets_a_full_page_redirect(client_for, member):
    client = client_for(member)
    _age_session(client, 31 * 60)
    response = client.get(WORKLIST, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == LOGIN


def test_login_stamps_activity_so_no_extra_write_on_each_request(client, member):
    from opkoers.accounts.tests.factories import TEST_PASSWORD

    client.post(LOGIN, {"username": member.username, "password": TEST_PASSWORD})
    assert int(time.time()) - client.session[LAST_ACTIVITY] < 5


def _settings_in(env):
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import opkoers.settings as s;"
        "print(s.MFA_REQUIRED, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEMO_MODE)"
    )
    src = str(settings.BASE_DIR.parent)
    base = {k: v for k, v in os.environ.items() if not k.startswith("OPKOERS_")}
    # Production refuses to start without the audit keys (audit/tests/test_settings.py).
    keys = {
        "OPKOERS_AUDIT_KEYS": "k1:" + "a" * 44,
        "OPKOERS_AUDIT_CHECKPOINT_KEY": "Yi" * 21 + "Y=",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**base, **keys, "PYTHONPATH": src, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_mfa_cannot_be_switched_off_in_production_and_cookies_are_secure():
    production = {
        "OPKOERS_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "OPKOERS_MFA_KEYS": "Y2hlY2tzLW9ubHktbm90LWEtcmVhbC1rZXktMTIzNDU=",
        "OPKOERS_MFA_REQUIRED": "0",
        "OPKOERS_DEMO": "1",
    }
    assert _settings_in(production) == ["True", "True", "True", "False"]
    assert _settings_in({"OPKOERS_DEMO": "1"})[0] == "False"
    assert _settings_in({})[0] == "True"
