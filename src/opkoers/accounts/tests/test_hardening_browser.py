"""In a real browser: the strict CSP breaks nothing on the main pages, the lockout and
the MFA flow work and are accessible."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from opkoers.accounts.models import TotpDevice
from opkoers.accounts.services import mfa
from opkoers.accounts.tests.factories import TEST_PASSWORD
from opkoers.accounts.tests.test_mfa import code_for

pytestmark = [pytest.mark.browser, pytest.mark.security, pytest.mark.django_db(transaction=True)]


def collect_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    return violations


def fill_login(page, username, password):
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_main_pages_load_without_csp_violations(
    page, axe, login_as, member, functional_admin, case
):
    violations = collect_csp_violations(page)
    page.goto("/account/inloggen/")
    login_as(page, member)
    pages = [
        reverse("cases:worklist"),
        reverse("cases:list"),
        reverse("cases:register"),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:team", args=[case.pk]),
        reverse("residents:network", args=[case.pk]),
        reverse("meetings:list", args=[case.pk]),
        reverse("plans:detail", args=[case.pk]),
        reverse("accounts:password_change"),
        reverse("accounts:mfa_setup"),
    ]
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        # The stylesheets really applied (a CSP block would leave the page unstyled).
        assert page.evaluate(
            "() => getComputedStyle(document.body).fontFamily.length > 0"
            " && document.styleSheets.length >= 4"
        ), url
    page.context.clear_cookies()
    login_as(page, functional_admin)
    for url in [
        reverse("accounts:manage"),
        reverse("accounts:users"),
        reverse("accounts:user_edit", args=[member.pk]),
    ]:
        assert page.goto(url).status == 200, url
    assert violations == []


def test_lockout_in_the_browser(page, axe, member):
    page.goto("/account/inloggen/")
    for _ in range(5):
        fill_login(page, member.username, "fout-wachtwoord-1")
        page.wait_for_load_state()
    expect(page.get_by_role("alert").get_by_text("Te veel mislukte pogingen")).to_be_visible()
    axe(page)
    fill_login(page, member.username, TEST_PASSWORD)
    page.wait_for_load_state()
    assert "/account/inloggen/" in page.url
    expect(page.get_by_text("Te veel mislukte pogingen")).to_be_visible()


def _code(user, offset=0):
    return code_for(user, offset)


def test_mfa_enrolment_and_login_in_the_browser(page, axe, member, settings):
    settings.MFA_REQUIRED = True
    settings.OPKOERS_MFA_THROTTLE_FACTOR = 1
    violations = collect_csp_violations(page)
    page.goto("/account/inloggen/")
    fill_login(page, member.username, TEST_PASSWORD)
    page.wait_for_url("**/tweestapsverificatie/instellen/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie instellen"
    key = TotpDevice.objects.get(user=member).bin_key
    assert page.locator(".ok-mfa-secret").inner_text() == mfa.grouped(mfa._secret_base32(key))
    axe(page)
    page.get_by_label("Code uit de authenticator-app").fill(
        "000000" if _code(member) != "000000" else "111111"
    )
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_text("Deze code klopt niet").first).to_be_visible()
    axe(page)
    # django-otp's back-off after one wrong code: a person takes longer than this anyway.
    page.wait_for_timeout(1100)
    page.get_by_label("Code uit de authenticator-app").fill(_code(member))
    page.get_by_role("button", name="Instellen").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"

    page.context.clear_cookies()
    page.goto("/account/inloggen/")
    fill_login(page, member.username, TEST_PASSWORD)
    page.wait_for_url("**/tweestapsverificatie/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie"
    axe(page)
    page.get_by_label("Code uit de authenticator-app").fill(_code(member, +1))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "tweestapsverificatie" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"
    assert violations == []


def test_login_as_helper_passes_the_second_step_when_mfa_is_on(page, login_as, member, settings):
    settings.MFA_REQUIRED = True
    login_as(page, member)  # enrols
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"
    page.context.clear_cookies()
    login_as(page, member)  # verifies with a fresh code
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"
