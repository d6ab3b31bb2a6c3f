"""A functional admin sets up a new colleague as a person would; the colleague gets the
invitation by a real SMTP server (aiosmtpd), chooses a password and sets up the app.
Every page they pass is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from opkoers.accounts.models import User
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory
from opkoers.conftest import next_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_invites_a_user_who_then_chooses_a_password(
    page, axe, login_as, functional_admin, smtp_server, settings
):
    OrganisationFactory(name="Sociaal Team Houten")
    TeamFactory(name="Op Koers Houten")
    login_as(page, functional_admin)
    assert page.url.endswith("/account/beheer/")
    axe(page)

    page.get_by_role("link", name="Teams", exact=True).click()
    axe(page)
    page.get_by_role("link", name="Op Koers Houten").click()
    axe(page)

    page.get_by_role("link", name="Beheer", exact=True).first.click()
    page.get_by_role("link", name="Gebruiker toevoegen").first.click()
    axe(page)
    page.get_by_label("Gebruikersnaam").fill("lverhoef")
    page.get_by_label("Voornaam").fill("Lotte")
    page.get_by_label("Achternaam").fill("Verhoef")
    page.get_by_label("E-mailadres").fill("lotte.verhoef@example.org")
    page.get_by_label("Organisatie").select_option(label="Sociaal Team Houten")
    page.get_by_label("Op Koers Houten").check()
    page.get_by_role("button", name="Gebruiker toevoegen").click()
    page.get_by_text("Er is een e-mail met een eenmalige link gestuurd").wait_for()
    axe(page)
    [mail] = smtp_server.messages
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", mail.get_content()).group(0)

    page.get_by_role("link", name="Terug naar gebruikers").click()
    page.get_by_label("Naam of gebruikersnaam").fill("verhoef")
    page.get_by_role("button", name="Zoeken").click()
    axe(page)
    expect(page.get_by_role("link", name="Verhoef, Lotte")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    settings.MFA_REQUIRED = True
    page.goto(link)
    axe(page)
    page.get_by_label(re.compile(r"^Nieuw wachtwoord \(")).fill("Rivierduin-Houten-42")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Rivierduin-Houten-42")
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.wait_for_url("**/tweestapsverificatie/instellen/**")
    axe(page)
    person = User.objects.get(username="lverhoef")
    page.get_by_label("Code uit de authenticator-app").fill(next_totp_code(person))
    page.get_by_role("button", name="Instellen").click()
    page.wait_for_url(lambda url: "tweestapsverificatie" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"
    person.refresh_from_db()
    assert person.check_password("Rivierduin-Houten-42")
    # The link worked once.
    assert page.goto(link).status == 404
