"""Conversations and follow-up calls as a professional uses them, in a real browser,
with axe on every page."""

import datetime as dt
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opkoers.cases.models import CaseStatus
from opkoers.meetings.models import Conversation, ConversationStatus, FollowUpCall, FollowUpStatus
from opkoers.residents.tests.factories import CommunicationNeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("OPKOERS_SCREENSHOTS")  # a folder, to look at the pages by hand


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/meetings-{name}.png", full_page=True)


def test_first_conversation_follow_up_call_and_next_conversation(
    page, axe, login_as, member, first_case, sister, debt_worker
):
    CommunicationNeedFactory(resident=first_case.resident, kind="tolk", detail="Tigrinya")
    login_as(page, member)
    page.goto(f"/trajecten/{first_case.pk}/")
    axe(page)
    page.get_by_role("link", name="Naar de gesprekken").click()
    axe(page)
    page.get_by_role("link", name="Eerste gesprek plannen").click()
    axe(page)
    shot(page, "1-plan")
    expect(page.get_by_text("Tigrinya").first).to_be_visible()
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    page.get_by_label("Datum en tijd").fill(tomorrow.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Digitaal (beeldbellen)").check()
    page.get_by_label("Locatie of link").fill("https://beeldbellen.example.org/kamer-4")
    page.get_by_label("Fatima Amrani (zus)").check()
    page.get_by_label("Andere deelnemers").fill("Tolk Tigrinya")
    page.get_by_label("De inwoner is akkoord met dit moment").check()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_text("Het gesprek is gepland.")).to_be_visible()
    axe(page)
    shot(page, "2-planned")

    page.get_by_role("link", name="Vastleggen als gehouden").click()
    axe(page)
    page.get_by_label("Wanneer was het gesprek?").fill(
        (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Verslag").fill("Kennismaking; de zus helpt met de post.")
    page.get_by_label("Besluiten en afspraken").fill("Joost belt de schuldeisers.")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    axe(page)
    shot(page, "3-recorded")
    first_case.refresh_from_db()
    assert first_case.status == CaseStatus.PLAN
    call = FollowUpCall.objects.get()
    assert call.assigned_to == member

    # Straight on to the next conversation, two weeks later by default.
    page.get_by_role("link", name="Volgend gesprek plannen").click()
    axe(page)
    page.get_by_label("De inwoner is akkoord met dit moment").check()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_text("Het gesprek is gepland.")).to_be_visible()
    follow_up = Conversation.objects.get(status=ConversationStatus.PLANNED)
    assert follow_up.kind == "vervolg" and follow_up.resident_agreed

    # Nabellen: first not reached, then reached.
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    axe(page)
    shot(page, "4-follow-up")
    page.get_by_label("Niet bereikt", exact=True).check()
    page.get_by_label("Niet bereikt? Opnieuw bellen op").fill(
        (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    )
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("Niet bereikt: de poging is vastgelegd")).to_be_visible()
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    page.get_by_label("Gebeld: de inwoner is bereikt").check()
    page.get_by_label("Uitkomst of toelichting").fill("Het gaat goed; de post is geopend.")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("De uitkomst van het nabellen is vastgelegd.")).to_be_visible()
    axe(page)
    call.refresh_from_db()
    assert call.status == FollowUpStatus.DONE and call.attempts.count() == 2

    page.goto(f"/trajecten/{first_case.pk}/")
    section = page.locator("#gesprekken")
    assert "Vervolggesprek" in section.inner_text()
    axe(page)
    shot(page, "5-case-page")
