"""One case through all seven steps of Op Koers, as a professional does it in a real
browser: by labels and roles, axe-core on every page visited, and the case page telling
at each stage which step the case is in and what comes next.

Only the people are set up directly (organisations, team, users); everything the
professional does after logging in goes through the pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.cases.models import Case, CaseStatus, CaseTransition, ResultKind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

RESIDENT = "Ruud Zwerver"

STEP = {
    CaseStatus.REGISTERED: ("Aangemeld", "Bespreek de aanmelding in het teamoverleg"),
    CaseStatus.INTAKE: ("Intake", "Breng per leefgebied de vraag in kaart"),
    CaseStatus.FIRST_CONVERSATION: ("Eerste gesprek", "Plan het eerste gesprek"),
    CaseStatus.PLAN: ("Samen1plan", "Stel samen met de inwoner het Samen1plan op"),
    CaseStatus.IN_PROGRESS: (
        "Lopend (nabellen en vervolggesprekken)",
        "Bel na, werk de acties af en plan zo nodig een vervolggesprek.",
    ),
    CaseStatus.CLOSING: ("Afronding en evaluatie", "Leg de uitkomst per doel"),
    CaseStatus.CLOSED: ("Afgesloten", "Dit traject is afgesloten. Heropenen kan met een reden."),
}


def nl_date(day: dt.date, fmt: str = "j F Y") -> str:
    with translation.override("nl"):
        return formats.date_format(day, fmt)


def working_days_after(day: dt.date, count: int) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def assert_step(page: Any, status: str) -> None:
    """Every page of a case marks the step the case is in."""
    current = page.get_by_role("list", name="Stappen").locator('[aria-current="step"]')
    # expect() waits for the page that a click just started to load; count() would not.
    expect(current).to_have_count(1)
    assert current.inner_text().strip() == STEP[CaseStatus(status)][0]


def assert_case_page(page: Any, case: Case, status: str) -> None:
    """The case page itself also says what the next step is."""
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert_step(page, status)
    next_step = page.get_by_role("region", name="Volgende stap")
    assert STEP[CaseStatus(status)][1] in next_step.inner_text()


def on_case_page(page: Any, axe: Any, case: Case, status: str) -> None:
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=case.reference
    ).click()
    assert_case_page(page, case, status)
    axe(page)


def test_a_case_through_all_seven_steps(page, axe, login_as, team):
    # Set-up: the people. A transactional test starts without the seeded result kinds.
    ResultKind.objects.get_or_create(name="Uitkering geregeld", defaults={"domain": "financien"})
    ResultKind.objects.get_or_create(name="Urgentie afgegeven", defaults={"domain": "huisvesting"})
    mila = UserFactory(
        teams=[team],
        first_name="Mila",
        last_name="de Wit",
        organisation=OrganisationFactory(name="Sociaal team Houtenburg"),
    )
    joost = UserFactory(
        teams=[team],
        first_name="Joost",
        last_name="Verbeek",
        organisation=OrganisationFactory(name="Schuldhulp Houtenburg"),
    )

    login_as(page, mila)
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    axe(page)

    # --- 1. Aanmelding --------------------------------------------------------------
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmelden").click()
    page.wait_for_url("**/aanmelden/")
    axe(page)
    page.get_by_label("Voornaam").fill("Ruud")
    page.get_by_label("Achternaam").fill("Zwerver")
    page.get_by_label("Geen vast adres").check()
    page.get_by_label("Verblijf / postadres").fill("Post via de daklozenopvang")
    page.get_by_label("Aangemeld via").select_option(label="WIL (werk en inkomen)")
    page.get_by_label("Waarom lukt het niet via de gewone route?").fill(
        "Zonder adres geen uitkering, zonder uitkering geen woning."
    )
    page.get_by_role("checkbox", name="Financiën").check()
    page.get_by_role("checkbox", name="Huisvesting").check()
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    case = Case.objects.select_related("resident").get()
    assert (case.channel, case.resident.has_no_address) == ("wil", True)
    assert page.get_by_role("heading", level=1).inner_text() == RESIDENT
    resident = page.get_by_role("region", name="Inwoner").inner_text()
    assert "Geen vast adres" in resident and "Financiën, Huisvesting" in resident
    assert_case_page(page, case, CaseStatus.REGISTERED)
    axe(page)

    # The registration waits in the team's intake queue.
    page.get_by_role("link", name="Werkvoorraad", exact=True).first.click()
    queue = page.get_by_role("table", name=re.compile("Nieuwe aanmeldingen en intakes"))
    assert RESIDENT in queue.inner_text() and "geen vast adres" in queue.inner_text()
    axe(page)
    queue.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert_case_page(page, case, CaseStatus.REGISTERED)
    axe(page)

    # --- 2. Intake ------------------------------------------------------------------
    page.get_by_role("button", name="Intake starten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/intake/")
    assert_step(page, CaseStatus.INTAKE)
    axe(page)
    page.get_by_label("Soort").select_option(label="Doof of slechthorend")
    page.get_by_label("Toelichting").fill("Liplezen lukt; schrijf mee.")
    page.get_by_role("button", name="Communicatiebehoefte toevoegen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/intake/**")
    assert "Doof of slechthorend" in page.get_by_role("note", name="Communicatie").inner_text()

    money = page.locator("#domain-financien")
    money.get_by_label("In de woorden van de inwoner").fill("Ik heb al maanden geen inkomen.")
    money.get_by_label("Prioriteit van de inwoner").fill("1")
    money.get_by_label("ZRM-score").select_option("1")
    home = page.locator("#domain-huisvesting")
    home.get_by_label("In de woorden van de inwoner").fill("Ik slaap bij vrienden.")
    home.get_by_label("Prioriteit van de inwoner").fill("2")
    home.get_by_label("ZRM-score").select_option("2")
    page.get_by_role("combobox", name="Trede op de Participatieladder").select_option("2")
    axe(page)
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert_case_page(page, case, CaseStatus.FIRST_CONVERSATION)
    axe(page)

    page.get_by_role("link", name="Casusteam beheren").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/team/")
    axe(page)
    page.get_by_role("combobox", name="Professional").select_option(str(joost.pk))
    page.locator("#toevoegen").get_by_label("Rol in dit traject").fill("Schuldhulpverlener")
    page.get_by_role("button", name="Toevoegen aan het casusteam").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/team/")
    members = page.get_by_role("table", name="Casusteam van dit traject").inner_text()
    assert "Joost Verbeek" in members and "Schuldhulpverlener" in members
    assert_step(page, CaseStatus.FIRST_CONVERSATION)
    axe(page)

    # --- 3. Eerste gesprek ----------------------------------------------------------
    on_case_page(page, axe, case, CaseStatus.FIRST_CONVERSATION)
    page.get_by_role("link", name="Naar de gesprekken").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/gesprekken/")
    axe(page)
    page.get_by_role("link", name="Eerste gesprek plannen").click()
    assert page.get_by_text("Doof of slechthorend").first.is_visible()  # shown when planning
    axe(page)
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    page.get_by_label("Op locatie").check()
    page.get_by_label("Datum en tijd").fill(tomorrow.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Locatie of link").fill("Gemeentehuis, spreekkamer 2")
    page.get_by_label(f"{RESIDENT} (inwoner)").check()
    page.get_by_label("Mila de Wit", exact=False).check()
    page.get_by_label("Joost Verbeek", exact=False).check()
    page.get_by_label("De inwoner is akkoord met dit moment").check()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_text("Het gesprek is gepland.")).to_be_visible()
    assert_step(page, CaseStatus.FIRST_CONVERSATION)
    axe(page)

    page.get_by_role("link", name=re.compile("^Vastleggen als gehouden")).click()
    axe(page)
    held_at = timezone.localtime() - dt.timedelta(hours=1)
    page.get_by_label("Wanneer was het gesprek?").fill(held_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Verslag").fill("Kennismaking aan tafel; Ruud vertelde over zijn situatie.")
    page.get_by_label("Besluiten en afspraken").fill("Joost vraagt een briefadres aan.")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    # Nabellen was scheduled by itself, for the contact person, in working days.
    call_due = working_days_after(held_at.date(), team.follow_up_working_days)
    open_calls = page.get_by_role("region", name="Nog nabellen").inner_text()
    assert f"Mila de Wit belt na op {nl_date(call_due, 'l j F Y')}" in open_calls
    assert_step(page, CaseStatus.PLAN)
    axe(page)
    on_case_page(page, axe, case, CaseStatus.PLAN)
    calls = page.locator("#gesprekken")
    expect(calls.get_by_role("link", name=nl_date(call_due))).to_be_visible()

    # --- 4. Samen1plan --------------------------------------------------------------
    page.get_by_role("link", name="Naar het Samen1plan").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/plan/")
    assert_step(page, CaseStatus.PLAN)
    axe(page)
    for domain, text in (("Financiën", "Weer een inkomen"), ("Huisvesting", "Een eigen kamer")):
        page.get_by_role("link", name="Doel toevoegen", exact=True).click()
        axe(page)
        page.get_by_label("Leefgebied").select_option(label=domain)
        page.get_by_label("Wat wil de inwoner bereiken?").fill(text)
        page.get_by_role("button", name="Doel opslaan").click()
        expect(page.get_by_text("Het doel is toegevoegd.")).to_be_visible()
        axe(page)

    due = timezone.localdate() + dt.timedelta(days=10)
    for domain, what, owner in (
        ("Financiën", "Uitkering aanvragen bij WIL", f"{RESIDENT} (de inwoner)"),
        ("Huisvesting", "Briefadres regelen", "Joost Verbeek (Schuldhulp Houtenburg)"),
    ):
        page.get_by_role(
            "link", name=re.compile(rf"^Actie bij dit doel toevoegen\W+{domain}")
        ).click()
        axe(page)
        page.get_by_label("Wat moet er gebeuren?").fill(what)
        page.get_by_label("Wie doet het?").select_option(label=owner)
        page.get_by_label("Uiterlijk klaar op").fill(due.isoformat())
        page.get_by_role("button", name="Actie opslaan").click()
        expect(page.get_by_text("De actie is toegevoegd.")).to_be_visible()
        axe(page)
    for domain, what, owner in (
        ("Financiën", "Uitkering aanvragen bij WIL", RESIDENT),
        ("Huisvesting", "Briefadres regelen", "Joost Verbeek"),
    ):
        table = page.get_by_role("table", name=re.compile(rf"Acties bij doel \d: {domain}"))
        row = table.get_by_role("row", name=re.compile(what))
        assert owner in row.inner_text()

    pdf_link = page.get_by_role("link", name="Plan voor de inwoner (PDF)").first
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_label("De inwoner is akkoord met dit plan").check()
    page.get_by_role("button", name="Plan vastleggen").click()
    expect(page.get_by_text("Het plan is vastgelegd.")).to_be_visible()
    assert_step(page, CaseStatus.IN_PROGRESS)
    axe(page)
    on_case_page(page, axe, case, CaseStatus.IN_PROGRESS)

    # --- 5. Nabellen ----------------------------------------------------------------
    page.get_by_role("link", name="Naar de gesprekken").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/gesprekken/")
    axe(page)
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/gesprekken/nabellen/*/")
    assert_step(page, CaseStatus.IN_PROGRESS)
    axe(page)
    page.get_by_label("Gebeld: de inwoner is bereikt").check()
    page.get_by_label("Uitkomst of toelichting").fill("Aanvraag is ingediend; het gaat goed.")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("De uitkomst van het nabellen is vastgelegd.")).to_be_visible()
    assert page.get_by_role("region", name="Nog nabellen").count() == 0
    axe(page)

    # --- 6. Vervolggesprek ----------------------------------------------------------
    page.get_by_role("link", name="Volgend gesprek plannen").click()
    axe(page)
    next_day = held_at.date() + dt.timedelta(days=team.next_conversation_days)
    while next_day.weekday() >= 5:
        next_day += dt.timedelta(days=1)
    proposed = page.get_by_label("Datum en tijd").input_value()
    assert proposed.startswith(next_day.isoformat())
    page.get_by_label(f"{RESIDENT} (inwoner)").check()
    page.get_by_label("De inwoner is akkoord met dit moment").check()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_text("Het gesprek is gepland.")).to_be_visible()
    axe(page)
    on_case_page(page, axe, case, CaseStatus.IN_PROGRESS)
    planned = page.locator("#gesprekken").inner_text()
    assert "Vervolggesprek" in planned and nl_date(next_day) in planned
    assert "nog niet afgestemd" not in planned

    # The case list finds the resident by name.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Trajecten").click()
    page.wait_for_url("**/trajecten/")
    page.get_by_role("searchbox", name="Naam of kenmerk").fill("Zwerver")
    page.wait_for_url("**/trajecten/?*zoek=*")
    assert "Zwerver" not in page.url
    results = page.get_by_role("table", name=re.compile("^Trajecten"))
    row = results.get_by_role("row", name=re.compile(case.reference))
    assert RESIDENT in row.inner_text() and "Lopend" in row.inner_text()
    axe(page)
    row.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert_case_page(page, case, CaseStatus.IN_PROGRESS)
    axe(page)

    # --- 7. Afronding en evaluatie --------------------------------------------------
    page.get_by_role("button", name="Afronding starten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/afronding/")
    assert_step(page, CaseStatus.CLOSING)
    axe(page)
    outcome = re.compile("^Uitkomst")
    goal_1 = page.get_by_role("group", name=re.compile("^Doel 1"))
    goal_1.get_by_role("combobox", name=outcome).select_option("bereikt")
    goal_2 = page.get_by_role("group", name=re.compile("^Doel 2"))
    goal_2.get_by_role("combobox", name=outcome).select_option("deels")
    goal_2.get_by_label("Toelichting op de uitkomst").fill("Briefadres geregeld, kamer nog niet.")
    page.get_by_role("checkbox", name="Uitkering geregeld").check()
    page.get_by_label("Financiën", exact=True).select_option("4")
    page.get_by_label("Huisvesting", exact=True).select_option("3")
    page.get_by_label("Participatieladder bij afronding").select_option("4")
    page.get_by_label("Evaluatie door de inwoner").fill("Eindelijk één loket voor alles.")
    page.get_by_label("Evaluatie door het team").fill("Snel rond dankzij de korte lijnen.")
    page.get_by_label("Warme overdracht aan").fill("Sanne Bos, werkcoach WIL")
    page.get_by_label("Wat is er bij de overdracht afgesproken?").fill(
        "Sanne begeleidt Ruud naar werk; eerste afspraak staat."
    )
    axe(page)
    page.get_by_role("button", name="Traject afsluiten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert "Het traject is afgesloten." in page.get_by_role("status").first.inner_text()
    assert_case_page(page, case, CaseStatus.CLOSED)
    closing = page.get_by_role("region", name="Afgesloten").inner_text()
    assert "Uitkering geregeld" in closing and "Sanne Bos, werkcoach WIL" in closing
    # Read-only: nothing left to press but reopening (folded away), nothing to change.
    main = page.get_by_role("main")
    assert main.get_by_role("button").all_inner_texts() == []
    expect(main.get_by_role("link", name="Casusteam bekijken")).to_be_visible()
    for edit in ("Casusteam beheren", "Gegevens inwoner wijzigen", "Gesprek plannen"):
        assert main.get_by_role("link", name=edit).count() == 0
    axe(page)

    page.get_by_role("link", name="Naar het Samen1plan").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/plan/")
    assert_step(page, CaseStatus.CLOSED)
    main = page.get_by_role("main")
    assert main.get_by_role("button").count() == 0
    assert main.get_by_role("combobox").count() == 0
    assert main.get_by_role("link", name=re.compile("^(Doel|Actie) toevoegen")).count() == 0
    axe(page)

    # Reopening is explicit, with a reason, and the case is running again.
    on_case_page(page, axe, case, CaseStatus.CLOSED)
    page.locator("summary", has_text="Traject heropenen").click()
    page.get_by_label("Waarom wordt het traject heropend?").fill("Nieuwe vraag over werk.")
    page.get_by_role("button", name="Traject heropenen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert_case_page(page, case, CaseStatus.IN_PROGRESS)
    expect(page.get_by_role("button", name="Afronding starten")).to_be_visible()
    axe(page)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    reopened = CaseTransition.objects.filter(case=case).latest("id")
    assert (reopened.from_status, reopened.reason) == (CaseStatus.CLOSED, "Nieuwe vraag over werk.")
