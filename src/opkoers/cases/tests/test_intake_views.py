"""Step 2 pages: the start button, the intake page (save, add a domain, complete)."""

import uuid

import pytest
from django.urls import reverse

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseDomain, CaseStatus, CaseTeamMember, DomainAssessment
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.cases.tests.intake_helpers import TOKEN, set_status
from opkoers.core.models import LifeDomain
from opkoers.residents.tests.factories import CommunicationNeedFactory, NetworkPersonFactory

S = CaseStatus


def url(name, case):
    return reverse(f"cases:{name}", args=[case.pk])


def intake_post(case, **overrides):
    """A filled intake form for the case's domains (the factory gives it finances)."""
    data = {
        "story_financien": "Ik open de post niet meer.",
        "priority_financien": "1",
        "zrm_financien": "2",
        "ladder_at_intake": "2",
        "action": "save",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def intake_case(case):
    return set_status(case, S.INTAKE)


# --- start ----------------------------------------------------------------------------


def test_case_page_offers_start_intake_when_registered(client_for, member, case):
    html = client_for(member).get(url("detail", case)).content.decode()
    assert url("start_intake", case) in html and "Intake starten" in html
    assert url("team", case) in html
    assert reverse("residents:edit", args=[case.pk]) in html


def test_case_page_links_to_intake_once_started(client_for, member, intake_case):
    html = client_for(member).get(url("detail", intake_case)).content.decode()
    assert url("start_intake", intake_case) not in html
    assert url("intake", intake_case) in html and "Naar de intake" in html


def test_start_intake_button(client_for, colleague, team):
    case = CaseFactory(team=team)
    response = client_for(colleague).post(url("start_intake", case), {"submission_token": TOKEN})
    assert response.status_code == 302 and response["Location"] == url("intake", case)
    case.refresh_from_db()
    assert case.status == S.INTAKE
    assert CaseTeamMember.objects.get(case=case, is_contact_person=True).user == colleague


def test_start_intake_twice_lands_on_the_intake(client_for, member, case):
    client = client_for(member)
    client.post(url("start_intake", case), {"submission_token": TOKEN})
    second = client.post(url("start_intake", case), {"submission_token": TOKEN})
    assert second["Location"] == url("intake", case)
    assert case.transitions.count() == 1


def test_start_intake_in_the_wrong_step_explains(client_for, member, intake_case):
    response = client_for(member).post(
        url("start_intake", intake_case), {"submission_token": TOKEN}, follow=True
    )
    assert "kan alleen starten bij een aangemeld traject" in response.content.decode()


def test_start_intake_is_get_proof(client_for, member, case):
    assert client_for(member).get(url("start_intake", case)).status_code == 405


# --- page -----------------------------------------------------------------------------


def test_registered_case_intake_page_offers_the_start_button(client_for, member, case):
    html = client_for(member).get(url("intake", case)).content.decode()
    assert "De intake is nog niet gestart" in html and url("start_intake", case) in html
    assert 'name="story_financien"' not in html


def test_intake_page_shows_case_domains_first_and_others_addable(client_for, member, intake_case):
    response = client_for(member).get(url("intake", intake_case))
    html = response.content.decode()
    assert 'name="story_financien"' in html
    assert 'name="story_huisvesting"' not in html
    assert '<option value="huisvesting">Huisvesting</option>' in html
    assert AuditEvent.objects.filter(code="case.intake.view", case_id=intake_case.pk).exists()


def test_save_intake(client_for, member, intake_case):
    response = client_for(member).post(url("intake", intake_case), intake_post(intake_case))
    assert response.status_code == 302 and response["Location"] == url("intake", intake_case)
    a = DomainAssessment.objects.get(case=intake_case)
    assert (a.story, a.priority, a.zrm_score) == ("Ik open de post niet meer.", 1, 2)
    intake_case.refresh_from_db()
    assert intake_case.ladder_at_intake == 2 and intake_case.status == S.INTAKE


def test_add_domain_saves_what_was_typed_too(client_for, member, intake_case):
    data = intake_post(intake_case, action="add_domain", add_domain="huisvesting")
    response = client_for(member).post(url("intake", intake_case), data)
    assert response["Location"] == url("intake", intake_case) + "#domain-huisvesting"
    assert CaseDomain.objects.filter(case=intake_case, domain="huisvesting").exists()
    assert DomainAssessment.objects.filter(case=intake_case, domain="financien").exists()
    html = client_for(member).get(url("intake", intake_case)).content.decode()
    assert 'name="story_huisvesting"' in html


def test_add_domain_without_choosing_keeps_the_input(client_for, member, intake_case):
    data = intake_post(intake_case, action="add_domain")
    html = client_for(member).post(url("intake", intake_case), data).content.decode()
    assert "Kies welk leefgebied u wilt toevoegen." in html
    assert "Ik open de post niet meer." in html
    assert not DomainAssessment.objects.exists()


def test_complete_intake(client_for, member, intake_case):
    data = intake_post(intake_case, action="complete", submission_token=TOKEN)
    response = client_for(member).post(url("intake", intake_case), data)
    assert response["Location"] == url("detail", intake_case)
    intake_case.refresh_from_db()
    assert intake_case.status == S.FIRST_CONVERSATION


def test_double_click_on_complete_lands_on_the_case_page(client_for, member, intake_case):
    client = client_for(member)
    data = intake_post(intake_case, action="complete", submission_token=TOKEN)
    client.post(url("intake", intake_case), data)
    second = client.post(url("intake", intake_case), data)
    assert second.status_code == 302 and second["Location"] == url("detail", intake_case)
    assert intake_case.transitions.filter(to_status=S.FIRST_CONVERSATION).count() == 1


def test_refused_completion_saves_and_lists_what_is_missing(client_for, member, intake_case):
    data = intake_post(
        intake_case,
        action="complete",
        zrm_financien="",
        ladder_at_intake="",
        submission_token=TOKEN,
    )
    response = client_for(member).post(url("intake", intake_case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "De intake kan nog niet worden afgerond" in html
    assert "ZRM-score" in html and "Kies de trede op de Participatieladder." in html
    assert "Ik open de post niet meer." in html
    assert TOKEN not in html  # a fresh token: the next click is not a double click
    assert DomainAssessment.objects.get(case=intake_case).story == "Ik open de post niet meer."
    intake_case.refresh_from_db()
    assert intake_case.status == S.INTAKE


@pytest.mark.security
def test_bad_input_keeps_values_and_explains_in_dutch(client_for, member, intake_case):
    CaseDomain.objects.create(case=intake_case, domain="huisvesting")
    data = intake_post(
        intake_case,
        priority_financien="1",
        story_huisvesting="Woning <script>x</script> te klein",
        priority_huisvesting="1",
        zrm_huisvesting="9",
        ladder_at_intake="abc",
    )
    response = client_for(member).post(url("intake", intake_case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is nog niets opgeslagen." in html
    assert "Prioriteit 1 staat ook bij Huisvesting" in html
    assert "Prioriteit 1 staat ook bij Financiën" in html
    assert "Selecteer een geldige keuze" in html
    assert "Woning &lt;script&gt;x&lt;/script&gt; te klein" in html
    assert not DomainAssessment.objects.exists()


def test_priority_not_a_number(client_for, member, intake_case):
    data = intake_post(intake_case, priority_financien="eerst")
    html = client_for(member).post(url("intake", intake_case), data).content.decode()
    assert "Vul een getal in." in html and 'value="eerst"' in html


def test_completed_intake_is_read_only_summary(client_for, member, intake_case):
    client = client_for(member)
    client.post(url("intake", intake_case), intake_post(intake_case, action="complete"))
    html = client.get(url("intake", intake_case)).content.decode()
    assert "Uitkomst van de intake" in html and "Ik open de post niet meer." in html
    assert 'name="story_financien"' not in html
    response = client.post(
        url("intake", intake_case), intake_post(intake_case, story_financien="x")
    )
    assert response.status_code == 302
    assert DomainAssessment.objects.get().story == "Ik open de post niet meer."


@pytest.mark.security
def test_closed_case_intake_is_read_only(client_for, member, intake_case):
    set_status(intake_case, S.CLOSED)
    client = client_for(member)
    assert client.get(url("intake", intake_case)).status_code == 200
    assert client.post(url("intake", intake_case), intake_post(intake_case)).status_code == 403
    assert client.post(url("start_intake", intake_case)).status_code == 403
    assert not DomainAssessment.objects.exists()


@pytest.mark.security
@pytest.mark.parametrize("name", ["intake", "start_intake"])
def test_outsider_gets_404(client_for, outsider, intake_case, name):
    client = client_for(outsider)
    assert client.get(url(name, intake_case)).status_code in (404, 405)
    assert client.post(url(name, intake_case), intake_post(intake_case)).status_code == 404
    intake_case.refresh_from_db()
    assert intake_case.status == S.INTAKE and not DomainAssessment.objects.exists()


@pytest.mark.security
def test_outsider_gets_404_on_the_intake_page(client_for, outsider, intake_case):
    assert client_for(outsider).get(url("intake", intake_case)).status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_intake_page_query_count_does_not_grow(
    client_for, member, intake_case, size, django_assert_max_num_queries
):
    domains = list(LifeDomain)[: size + 1]
    for i, domain in enumerate(domains):
        CaseDomain.objects.get_or_create(case=intake_case, domain=domain)
        DomainAssessment.objects.create(
            case=intake_case, moment="intake", domain=domain, story="Verhaal", priority=i + 1
        )
    for kind in ["doof", "tolk", "lezen", "taal", "visueel", "overig", "gebarentaal"][:size]:
        CommunicationNeedFactory(resident=intake_case.resident, kind=kind)
    NetworkPersonFactory.create_batch(size, resident=intake_case.resident)
    CaseTeamMemberFactory.create_batch(size, case=intake_case)
    client = client_for(member)
    with django_assert_max_num_queries(17):  # +1: the consent check in get_case_for
        assert client.get(url("intake", intake_case)).status_code == 200
