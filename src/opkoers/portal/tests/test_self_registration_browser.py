"""Self-registration in a real browser, as a resident would do it without JavaScript
help: the form is accessible (axe-core, Nu HTML Checker through the page fixture), and
the registration shows up in the receiving team's registration queue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from opkoers.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_self_registration_reaches_the_team_queue(page, axe, login_as, member, open_team):
    page.goto("/hulp/")
    expect(page.get_by_role("heading", name="Ik zit vast en wil hulp", level=1)).to_be_visible()
    axe(page)

    # Bad input first: a Dutch message, and what was typed stays.
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_text("Vul de achternaam in.").first).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Noor")
    axe(page)

    page.get_by_label("Achternaam").fill("Verbeek")
    page.get_by_label("Telefoonnummer", exact=True).fill("06-11223344")
    page.get_by_label("Bellen", exact=True).check()
    page.get_by_label("Wat is er aan de hand?").fill("Mijn uitkering is gestopt.")
    page.get_by_label("Tolk nodig", exact=True).check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url("**/hulp/verstuurd/")
    expect(page.get_by_role("heading", name="Uw aanmelding is verstuurd")).to_be_visible()
    axe(page)

    case = Case.objects.get()
    login_as(page, member)
    page.goto("/")
    queue = page.locator("section", has=page.get_by_role("heading", name="Intakewachtrij"))
    row = queue.get_by_role("row", name=case.reference)
    expect(row).to_be_visible()
    expect(row).to_contain_text("zelf aangemeld via de website")
    axe(page)
