"""Request → approval → payment as people do it, in a real browser, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from opkoers.budgets.models import BudgetRequest, RequestStatus
from opkoers.deviations.models import Deviation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_approve_pay(page, axe, login_as, member, project_leader, plan_case, goal, pot):
    login_as(page, member)
    page.goto(f"/trajecten/{plan_case.pk}/")
    axe(page)
    page.get_by_role("link", name="Naar het maatwerkbudget").click()
    page.wait_for_url(re.compile(r"/budget/$"))
    axe(page)
    page.get_by_role("link", name="Budget aanvragen").click()
    page.wait_for_url(re.compile(r"/budget/aanvragen/$"))
    axe(page)
    page.get_by_label("Bij welk doel van het Samen1plan hoort dit?").select_option(label=str(goal))
    page.get_by_label("Bedrag in euro's").fill("12,345")
    page.get_by_label("Waarvoor is het geld?").fill("Borg voor een kamer")
    page.get_by_label("Aan wie wordt betaald?").fill("Woonstichting De Oever")
    page.get_by_label("Welke doorbraak geeft dit voor de inwoner?").fill(
        "Met een eigen adres kan de uitkering worden aangevraagd."
    )
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("hoogstens twee cijfers achter de komma").first).to_be_visible()
    axe(page)
    expect(page.get_by_label("Waarvoor is het geld?")).to_have_value("Borg voor een kamer")
    page.get_by_label("Bedrag in euro's").fill("450,00")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("De aanvraag is ingediend.")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    login_as(page, project_leader)
    page.goto("/budget/wachtrij/")
    axe(page)
    page.get_by_role("button", name=re.compile(r"^Goedkeuren\W+" + plan_case.reference)).click()
    expect(page.get_by_text("is goedgekeurd")).to_be_visible()
    axe(page)
    assert BudgetRequest.objects.get().status == RequestStatus.APPROVED

    page.get_by_role("link", name="Grootboek en export").click()
    page.wait_for_url(re.compile(r"/budget/grootboek/"))
    axe(page)
    page.get_by_role("link", name=re.compile(r"^Betaling registreren")).click()
    page.wait_for_url(re.compile(r"/betaling/$"))
    axe(page)
    page.get_by_label("Betalingskenmerk").fill("FIN-2026-0042")
    page.get_by_role("button", name="Betaling registreren").click()
    expect(page.get_by_text("De betaling is geregistreerd.")).to_be_visible()
    axe(page)
    assert BudgetRequest.objects.get().status == RequestStatus.PAID

    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.wait_for_url(re.compile(r"/budget/\?"))
    axe(page)
    page.get_by_role("link", name="Pot en maximum").click()
    page.wait_for_url(re.compile(r"/budget/instellingen/"))
    axe(page)

    page.context.clear_cookies()
    login_as(page, member)
    page.goto("/")
    expect(page.get_by_role("heading", name="Besluiten over budget")).to_be_visible()
    axe(page)


def test_deviation_register_and_bottlenecks(
    page, axe, login_as, member, project_leader, policy_staff, plan_case
):
    login_as(page, member)
    page.goto(f"/trajecten/{plan_case.pk}/afwijkingen/")
    axe(page)
    page.get_by_role("link", name="Afwijking vastleggen").click()
    page.wait_for_url(re.compile(r"/afwijkingen/nieuw/$"))
    axe(page)
    page.get_by_label("Nieuwe regel of procedure").fill("Kostendelersnorm")
    page.get_by_label("Wet of regeling").fill("Participatiewet")
    page.get_by_label("Artikel (als bekend)").fill("22a")
    page.get_by_label("Wat is er anders gedaan dan de regel zegt?").fill(
        "Kostendelersnorm drie maanden niet toegepast."
    )
    page.get_by_label("Waarom helpt dit de inwoner?").fill("De huur komt niet in gevaar.")
    page.get_by_label("Wie besloot?").fill("Projectleider")
    page.get_by_label("Mag als geanonimiseerd voorbeeld naar beleid").check()
    page.get_by_role("button", name="Afwijking vastleggen").click()
    expect(page.get_by_text("De afwijking is vastgelegd.")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    login_as(page, project_leader)
    page.goto("/afwijkingen/")
    axe(page)
    page.get_by_role("button", name=re.compile(r"^Goedkeuren\W+" + plan_case.reference)).click()
    expect(page.get_by_text("De afwijking is goedgekeurd.")).to_be_visible()
    assert Deviation.objects.get().approved_by == project_leader

    page.context.clear_cookies()
    policy_staff.memberships.create(team=plan_case.team)
    login_as(page, policy_staff)
    page.goto("/afwijkingen/knelpunten/")
    expect(page.get_by_role("heading", name="Kostendelersnorm")).to_be_visible()
    axe(page)
