"""Steps 1 and 2 as a professional does them: register a resident without an address,
start the intake, try to complete it too early, record communication needs and network,
complete it, and set up the case team; axe-core on every page on the way."""

import pytest

from opkoers.cases.models import Case, CaseStatus, CaseTeamMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registration_intake_and_team_walk_through(page, axe, login_as, member, colleague):
    login_as(page, member)
    page.goto("/aanmelden/")
    axe(page)
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    assert "Controleer het formulier" in page.get_by_role("alert").first.inner_text()
    axe(page)

    page.get_by_label("Voornaam").fill("Bram")
    page.get_by_label("Achternaam").fill("Zonderhuis")
    page.get_by_label("Geen vast adres").check()
    page.get_by_label("Verblijf / postadres").fill("Slaapt in de nachtopvang")
    page.get_by_label("Aangemeld via").select_option("werktafel")
    page.get_by_label("Waarom lukt het niet via de gewone route?").fill(
        "Na het faillissement geen adres, dus geen uitkering."
    )
    page.get_by_role("checkbox", name="Financiën").check()
    page.get_by_role("checkbox", name="Huisvesting").check()
    page.get_by_role("radio", name="Hoog: binnen een week").check()
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    case = Case.objects.get()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    assert "Geen vast adres" in page.content()
    axe(page)

    page.get_by_role("button", name="Intake starten").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/intake/")
    axe(page)
    page.get_by_role("button", name="Intake afronden").click()
    assert "De intake kan nog niet worden afgerond" in page.get_by_role("alert").first.inner_text()
    axe(page)

    page.get_by_label("Soort").select_option("lezen")
    page.get_by_role("button", name="Communicatiebehoefte toevoegen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/intake/**")
    assert "Let op bij contact" in page.content()
    page.locator("#netwerk").get_by_label("Naam").fill("Ans Zonderhuis")
    page.get_by_label("Relatie tot de inwoner").fill("moeder")
    page.get_by_role("button", name="Netwerkpersoon toevoegen").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/intake/**")
    assert "Ans Zonderhuis" in page.content()

    domain = page.locator("#domain-huisvesting")
    domain.get_by_label("In de woorden van de inwoner").fill("Ik wil weer een eigen plek.")
    domain.get_by_label("Prioriteit van de inwoner").fill("1")
    domain.get_by_label("ZRM-score").select_option("1")
    page.locator("#domain-financien").get_by_label("Prioriteit van de inwoner").fill("2")
    page.get_by_role("combobox", name="Participatieladder").select_option("2")
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/")
    case.refresh_from_db()
    assert case.status == CaseStatus.FIRST_CONVERSATION
    axe(page)

    page.get_by_role("link", name="Casusteam beheren").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/team/")
    axe(page)
    page.get_by_role("combobox", name="Professional").select_option(str(colleague.pk))
    page.locator("#toevoegen").get_by_label("Rol in dit traject").fill("Werkcoach")
    page.get_by_label("Wordt de contactpersoon van de inwoner").check()
    page.get_by_role("button", name="Toevoegen aan het casusteam").click()
    page.wait_for_url(f"**/trajecten/{case.pk}/team/")
    assert CaseTeamMember.objects.get(case=case, is_contact_person=True).user == colleague
    axe(page)
