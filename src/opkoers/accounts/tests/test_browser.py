"""A functional admin sets up a new colleague as a person would, and every page they
pass is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from opkoers.accounts.models import User
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_a_user_who_then_chooses_a_password(page, axe, login_as, functional_admin):
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
    page.get_by_label("Organisatie").select_option(label="Sociaal Team Houten")
    page.get_by_label("Op Koers Houten").check()
    page.get_by_role("button", name="Gebruiker toevoegen").click()
    page.get_by_role("heading", name="Tijdelijk wachtwoord").wait_for()
    axe(page)
    temporary = page.locator(".ok-temporary-password").inner_text()

    page.get_by_role("link", name="Terug naar gebruikers").click()
    page.get_by_label("Naam of gebruikersnaam").fill("verhoef")
    page.get_by_role("button", name="Zoeken").click()
    axe(page)
    expect(page.get_by_role("link", name="Verhoef, Lotte")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("lverhoef")
    page.get_by_label("Wachtwoord").fill(temporary)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/account/wachtwoord/$"))
    axe(page)
    page.get_by_label("Oud wachtwoord").fill(temporary)
    page.get_by_label(re.compile(r"^Nieuw wachtwoord \(")).fill("Rivierduin-Houten-42")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Rivierduin-Houten-42")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    page.get_by_text("Uw wachtwoord is gewijzigd.").wait_for()
    assert not User.objects.get(username="lverhoef").must_change_password
