import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible_and_logs_in(page, axe, member):
    page.goto("/")
    assert "/account/inloggen/" in page.url
    axe(page)
    page.get_by_label("Gebruikersnaam").fill(member.username)
    page.get_by_label("Wachtwoord").fill("wrong-password-here")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    from opkoers.accounts.tests.factories import TEST_PASSWORD

    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad"
    axe(page)
