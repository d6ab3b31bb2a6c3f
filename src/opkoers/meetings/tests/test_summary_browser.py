"""Writing the summary for the resident in a real browser, with axe and the Nu checker
on every page: the starting text, the readability warning and 'Toch opslaan'."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opkoers.meetings.models import ConversationStatus, ConversationSummary
from opkoers.meetings.tests.conftest import planned

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_write_a_summary_with_starting_text_and_warning(page, axe, login_as, member, running_case):
    moment = timezone.now() - dt.timedelta(hours=2)
    planned(
        running_case, member, status=ConversationStatus.HELD, scheduled_at=moment, held_at=moment
    )
    login_as(page, member)
    page.goto(f"/trajecten/{running_case.pk}/gesprekken/")
    axe(page)
    page.get_by_role("link", name="Samenvatting schrijven").click()
    axe(page)
    page.get_by_label("Wat we hebben besproken").fill("We bespraken de ZRM en uw traject.")
    page.get_by_role("button", name="Begintekst invullen bij lege delen").click()
    expect(page.get_by_label("Wat we hebben besproken")).to_have_value(
        "We bespraken de ZRM en uw traject."
    )
    expect(page.get_by_label("Wat we hebben afgesproken")).to_have_value(
        "We hebben afgesproken dat …"
    )
    page.get_by_label("Wat we hebben afgesproken").fill("U belt de bank.")
    page.get_by_role("button", name="Samenvatting opslaan").click()
    expect(page.get_by_role("heading", name="Is de tekst makkelijk genoeg?")).to_be_visible()
    axe(page)
    assert not ConversationSummary.objects.exists()
    page.get_by_role("button", name="Toch opslaan").click()
    expect(page.get_by_text("De samenvatting voor de inwoner is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("U belt de bank.")).to_be_visible()
    axe(page)
    assert ConversationSummary.objects.get().agreed == "U belt de bank."
