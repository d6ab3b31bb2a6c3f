"""The effects calculator in a real browser, with axe on every page."""

import os
import re

import pytest
from playwright.sync_api import expect

from opkoers.effects.models import TimelineEntry
from opkoers.effects.tests.conftest import close

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("OPKOERS_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_professional_fills_both_timelines_and_sees_the_totals(
    page, axe, login_as, member, case, hour, eviction
):
    login_as(page, member)
    page.goto(f"/trajecten/{case.pk}/")
    axe(page)
    page.get_by_role("link", name="Naar de effectencalculator").click()
    page.wait_for_url(re.compile(r"/effecten/$"))
    expect(page.get_by_role("heading", name="Dit is een schatting")).to_be_visible()
    axe(page)

    page.get_by_role("radio", name="Met Op Koers").check()
    page.get_by_label("Post uit de prijslijst").select_option(label="Uur test – €\xa075,00 per uur")
    page.get_by_label("Aantal").fill("2,5")
    page.get_by_label("Toelichting").fill("Eerste gesprek")
    page.get_by_role("button", name="Post toevoegen").click()
    page.wait_for_url(re.compile(r"#tijdlijn-interventie$"))
    expect(page.get_by_text("De post is toegevoegd.")).to_be_visible()

    page.get_by_role("radio", name="Zonder Op Koers (referentie)").check()
    page.get_by_label("Post uit de prijslijst").select_option(
        label="Uitzetting test – €\xa08.000,00 per keer"
    )
    page.get_by_label("Aantal").fill("1")
    page.get_by_role("button", name="Post toevoegen").click()
    page.wait_for_url(re.compile(r"#tijdlijn-referentie$"))

    expect(page.locator("#total-intervention")).to_have_text("€\xa0187,50")
    expect(page.locator("#total-reference")).to_have_text("€\xa08.000,00")
    expect(page.locator("#total-difference")).to_contain_text("€\xa07.812,50")
    axe(page)
    shot(page, "effects-case")

    # A mistake: the form keeps what was typed and says what is wrong, in Dutch.
    page.get_by_role("radio", name="Met Op Koers").check()
    page.get_by_label("Post uit de prijslijst").select_option(label="Uur test – €\xa075,00 per uur")
    page.get_by_label("Aantal").fill("nul komma niks")
    page.get_by_role("button", name="Post toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een getal in")
    expect(page.get_by_label("Aantal")).to_have_value("nul komma niks")
    axe(page)
    assert TimelineEntry.objects.filter(case=case).count() == 2

    # Change a line on its own page: the amount follows, at the price it was entered at.
    page.goto(f"/trajecten/{case.pk}/effecten/")
    page.get_by_role("link", name=re.compile(r"^Wijzigen")).first.click()
    page.wait_for_url(re.compile(r"/wijzigen/$"))
    expect(page.get_by_role("heading", name="Post wijzigen")).to_be_visible()
    axe(page)
    page.get_by_label("Aantal").fill("3")
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.wait_for_url(re.compile(r"#tijdlijn-interventie$"))
    expect(page.get_by_text("De post is gewijzigd.")).to_be_visible()
    expect(page.locator("#total-intervention")).to_have_text("€\xa0225,00")
    expect(page.locator("#total-difference")).to_contain_text("€\xa07.775,00")

    close(case)
    page.get_by_role("link", name="Effecten", exact=True).click()
    page.wait_for_url(re.compile(r"/effecten/$"))
    expect(page.locator("#closed-count")).to_have_text("1")
    expect(page.locator("#total-difference")).to_contain_text("€\xa07.775,00")
    axe(page)
    shot(page, "effects-aggregate")


def test_functional_admin_changes_a_price(page, axe, login_as, functional_admin, hour):
    login_as(page, functional_admin)
    page.goto("/")
    page.get_by_role("link", name="Prijslijst", exact=True).click()
    page.wait_for_url(re.compile(r"/prijslijst/$"))
    axe(page)
    page.get_by_role("link", name="Uur test").click()
    page.wait_for_url(re.compile(r"/wijzigen/$"))
    axe(page)
    page.get_by_label("Prijs").fill("82,50")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/prijslijst/#prijs-"))
    expect(page.get_by_text("Uur test is gewijzigd.")).to_be_visible()
    expect(page.locator(f"#prijs-{hour.pk}")).to_contain_text("€\xa082,50")
    axe(page)
