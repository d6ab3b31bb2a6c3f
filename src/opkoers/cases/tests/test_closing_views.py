"""Step 7 pages: the closing page, the buttons on the case page, stopping and reopening."""

import pytest
from django.urls import reverse

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import (
    CaseResult,
    CaseStatus,
    CaseTransition,
    Closure,
    DomainAssessment,
    ResultKind,
    StopReason,
)
from opkoers.cases.services.closing import close_case, save_closing
from opkoers.cases.tests.closing_helpers import (
    DOMAINS,
    closing_post,
    complete_input,
    prepare,
    set_status,
)
from opkoers.plans.models import Goal, GoalOutcome

S = CaseStatus
TOKEN = "3f1c2b9e-8a4d-4c6e-9b1a-2d3e4f5a6b7c"


def url(name, case):
    return reverse(f"cases:{name}", args=[case.pk])


def closed_case(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case))
    close_case(case=case, by=member)
    return case


# --- case page section ----------------------------------------------------------------


@pytest.mark.parametrize("status", [S.PLAN, S.IN_PROGRESS])
def test_case_page_offers_start_closing_once_there_is_a_plan(client_for, member, case, status):
    set_status(case, status)
    html = client_for(member).get(url("detail", case)).content.decode()
    assert url("start_closing", case) in html
    assert "Afronding starten" in html
    assert url("stop_early", case) not in html


@pytest.mark.parametrize("status", [S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION])
def test_case_page_offers_stopping_before_the_plan(client_for, member, case, status):
    set_status(case, status)
    html = client_for(member).get(url("detail", case)).content.decode()
    assert url("stop_early", case) in html and "Traject stoppen" in html
    assert url("start_closing", case) not in html


def test_closed_case_page_shows_summary_and_only_reopen(client_for, member, case):
    closed_case(case, member)
    html = client_for(member).get(url("detail", case)).content.decode()
    assert "Uitkering geregeld (Per 1 maart)" in html
    assert "Bereikt: 2" in html
    assert "Ik heb weer rust in mijn hoofd." in html
    assert "Sanne Bakker, werkcoach WIL" in html
    assert url("reopen", case) in html
    for name in ("start_closing", "stop_early", "closing_back"):
        assert url(name, case) not in html


def test_stopped_case_page_shows_the_reason(client_for, member, case):
    client_for(member).post(
        url("stop_early", case),
        {
            "stop_reason": StopReason.NOT_SUITABLE,
            "stop_explanation": "Gewone route volstaat.",
            "submission_token": TOKEN,
        },
    )
    html = client_for(member).get(url("detail", case)).content.decode()
    assert "Gestopt voordat er een Samen1plan was." in html
    assert "Gewone route volstaat." in html


# --- start and back -------------------------------------------------------------------


def test_start_closing_button_moves_the_case_and_opens_the_closing_page(client_for, member, case):
    set_status(case, S.IN_PROGRESS)
    response = client_for(member).post(url("start_closing", case), {"submission_token": TOKEN})
    assert response.status_code == 302 and response["Location"] == url("closing", case)
    case.refresh_from_db()
    assert case.status == S.CLOSING


def test_start_closing_from_the_wrong_step_shows_a_dutch_error(client_for, member, case):
    response = client_for(member).post(
        url("start_closing", case), {"submission_token": TOKEN}, follow=True
    )
    assert "De afronding kan pas starten als er een Samen1plan is" in response.content.decode()
    case.refresh_from_db()
    assert case.status == S.REGISTERED


def test_start_closing_is_post_only(client_for, member, case):
    assert client_for(member).get(url("start_closing", case)).status_code == 405


def test_back_to_lopend(client_for, member, case):
    prepare(case)
    response = client_for(member).post(url("closing_back", case), {"submission_token": TOKEN})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS


# --- the closing page -------------------------------------------------------------------


def test_closing_page_shows_goals_and_intake_scores_beside_the_fields(client_for, member, case):
    prepare(case, goals=2, scored_domains=2, ladder_at_intake=3)
    response = client_for(member).get(url("closing", case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Doel nummer 1 van de inwoner" in html and "Doel nummer 2 van de inwoner" in html
    assert f'name="zrm_{DOMAINS[0].value}"' in html
    assert "Bij intake: 2 – niet zelfredzaam" in html
    assert "Bij intake: 3 – deelname georganiseerde activiteiten" in html
    assert "Uitkering geregeld" in html and "Mantelzorg of netwerk versterkt" in html
    assert "Traject afsluiten" in html and "Terug naar lopend" in html
    assert AuditEvent.objects.filter(case_id=case.pk, code="case.closing.view").exists()


def test_closing_page_before_afronding_sends_back_to_the_case(client_for, member, case):
    set_status(case, S.IN_PROGRESS)
    response = client_for(member).get(url("closing", case))
    assert response.status_code == 302 and response["Location"] == url("detail", case)


def test_save_stores_everything_and_can_be_repeated(client_for, member, case):
    prepare(case)
    client = client_for(member)
    response = client.post(url("closing", case), closing_post(case, action="save"))
    assert response.status_code == 302 and response["Location"] == url("closing", case)
    assert Closure.objects.get(case=case).evaluation_resident == "Ik heb weer rust in mijn hoofd."
    assert CaseResult.objects.filter(case=case).count() == 1
    response = client.post(
        url("closing", case), closing_post(case, action="save", evaluation_team="Aangepast")
    )
    assert response.status_code == 302
    assert Closure.objects.get(case=case).evaluation_team == "Aangepast"
    case.refresh_from_db()
    assert case.status == S.CLOSING


def test_close_with_everything_filled_in_closes(client_for, member, case):
    prepare(case)
    response = client_for(member).post(url("closing", case), closing_post(case, action="close"))
    assert response.status_code == 302 and response["Location"] == url("detail", case)
    case.refresh_from_db()
    assert case.status == S.CLOSED


def test_close_with_missing_data_saves_lists_what_is_missing_and_keeps_values(
    client_for, member, case
):
    prepare(case)
    data = closing_post(case, action="close", ladder_at_closing="", handover_to="")
    data["evaluation_team"] = "Nog even afwachten."
    response = client_for(member).post(url("closing", case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het traject kan nog niet worden afgesloten" in html
    assert "Kies de trede op de Participatieladder bij afronding." in html
    assert "of vink ‘geen overdracht nodig’ aan" in html
    assert "Nog even afwachten." in html  # what was typed is on the page
    assert Closure.objects.get(case=case).evaluation_team == "Nog even afwachten."  # and saved
    case.refresh_from_db()
    assert case.status == S.CLOSING
    assert not CaseTransition.objects.filter(case=case, to_status=S.CLOSED).exists()
    # The re-rendered form carries a fresh token, so the corrected form is not a duplicate.
    assert TOKEN not in html
    fixed = client_for(member).post(
        url("closing", case),
        closing_post(case, action="close", submission_token=_token_in(html)),
    )
    assert fixed.status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSED


def _token_in(html):
    marker = 'name="submission_token" value="'
    start = html.index(marker, html.index('action="/trajecten/')) + len(marker)
    return html[start : start + 36]


def test_double_submit_of_close_creates_one_transition(client_for, member, case):
    prepare(case)
    client = client_for(member)
    data = closing_post(case, action="close", submission_token=TOKEN)
    first = client.post(url("closing", case), data)
    second = client.post(url("closing", case), data)
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == url("detail", case)
    assert CaseTransition.objects.filter(case=case, to_status=S.CLOSED).count() == 1
    assert AuditEvent.objects.filter(code="case.closing.save").count() == 1


def test_bad_input_keeps_values_and_saves_nothing(client_for, member, case):
    prepare(case)
    data = closing_post(case, action="save", evaluation_resident="Mijn eigen woorden hier.")
    data[f"zrm_{DOMAINS[0].value}"] = "9"
    response = client_for(member).post(url("closing", case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer het formulier" in html
    assert "Selecteer een geldige keuze" in html
    assert "Mijn eigen woorden hier." in html
    assert 'aria-invalid="true"' in html
    assert not Closure.objects.filter(case=case).exists()


def test_handover_and_no_handover_together_is_explained(client_for, member, case):
    prepare(case)
    data = closing_post(case, action="save", no_handover_needed="on")
    response = client_for(member).post(url("closing", case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies één van beide" in html
    assert "Sanne Bakker, werkcoach WIL" in html


def test_a_goal_from_another_case_in_the_post_is_ignored(client_for, member, case, team):
    from opkoers.cases.tests.factories import CaseFactory

    prepare(case)
    other = CaseFactory(team=team)
    foreign = prepare(other, goals=1)[0]
    data = closing_post(case, action="save")
    data[f"goal_{foreign.pk.hex}_outcome"] = GoalOutcome.DROPPED
    assert client_for(member).post(url("closing", case), data).status_code == 302
    assert Goal.objects.get(pk=foreign.pk).outcome == GoalOutcome.OPEN


# --- closed means read-only -------------------------------------------------------------


def test_closed_closing_page_is_read_only(client_for, member, case):
    closed_case(case, member)
    response = client_for(member).get(url("closing", case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "alleen nog te lezen" in html
    assert "Traject afsluiten" not in html and 'name="action"' not in html
    assert "Doel nummer 1 van de inwoner" in html and "Bereikt" in html
    assert "4 – voldoende zelfredzaam" in html


@pytest.mark.parametrize("name", ["closing", "start_closing", "closing_back", "stop_early"])
def test_writes_on_a_closed_case_get_403(client_for, member, case, name):
    closed_case(case, member)
    before = CaseTransition.objects.filter(case=case).count()
    response = client_for(member).post(url(name, case), closing_post(case, action="save"))
    assert response.status_code == 403
    assert CaseTransition.objects.filter(case=case).count() == before
    assert AuditEvent.objects.filter(code="case.closing.save").count() == 1  # only the first


def test_stop_early_page_on_a_closed_case_gets_403(client_for, member, case):
    set_status(case, S.CLOSED)
    assert client_for(member).get(url("stop_early", case)).status_code == 403


# --- stopping early -------------------------------------------------------------------


def test_stop_early_without_a_reason_keeps_the_text_and_explains(client_for, member, case):
    response = client_for(member).post(
        url("stop_early", case), {"stop_explanation": "Inwoner twijfelt."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies waarom het traject stopt." in html
    assert "Inwoner twijfelt." in html
    case.refresh_from_db()
    assert case.status == S.REGISTERED


def test_stop_early_other_needs_an_explanation(client_for, member, case):
    response = client_for(member).post(url("stop_early", case), {"stop_reason": "anders"})
    assert response.status_code == 200
    assert "Licht toe waarom het traject stopt." in response.content.decode()
    case.refresh_from_db()
    assert case.status == S.REGISTERED


def test_stop_early_closes_once(client_for, member, case):
    client = client_for(member)
    data = {"stop_reason": StopReason.RESIDENT_WITHDRAWS, "submission_token": TOKEN}
    assert client.post(url("stop_early", case), data).status_code == 302
    assert client.post(url("stop_early", case), data).status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSED
    assert CaseTransition.objects.filter(case=case, to_status=S.CLOSED).count() == 1


def test_stop_early_with_a_plan_is_sent_back(client_for, member, case):
    set_status(case, S.IN_PROGRESS)
    response = client_for(member).get(url("stop_early", case))
    assert response.status_code == 302
    response = client_for(member).post(url("stop_early", case), {"stop_reason": "verhuisd"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS


# --- reopening --------------------------------------------------------------------------


def test_reopen_without_reason_is_refused_in_dutch(client_for, member, case):
    closed_case(case, member)
    response = client_for(member).post(url("reopen", case), {"reopen_reason": "   "})
    assert response.status_code == 200
    assert "Geef een reden op om het traject te heropenen." in response.content.decode()
    case.refresh_from_db()
    assert case.status == S.CLOSED


def test_reopen_with_reason_goes_to_lopend_once(client_for, member, case):
    closed_case(case, member)
    client = client_for(member)
    data = {"reopen_reason": "Nieuwe vraag over huisvesting.", "submission_token": TOKEN}
    assert client.get(url("reopen", case)).status_code == 200
    first = client.post(url("reopen", case), data)
    second = client.post(url("reopen", case), data)
    assert first.status_code == 302 and second.status_code == 302
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS
    reopened = CaseTransition.objects.filter(case=case, from_status=S.CLOSED)
    assert [t.reason for t in reopened] == ["Nieuwe vraag over huisvesting."]


def test_reopen_of_an_open_case_redirects(client_for, member, case):
    response = client_for(member).post(url("reopen", case), {"reopen_reason": "x"})
    assert response.status_code == 302
    assert not CaseTransition.objects.filter(case=case).exists()


# --- security -------------------------------------------------------------------------

VIEWS = ["closing", "start_closing", "closing_back", "stop_early", "reopen"]


@pytest.mark.security
@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("status", [S.REGISTERED, S.CLOSING, S.CLOSED])
def test_outsider_gets_404_on_every_closing_view(client_for, outsider, case, name, status):
    prepare(case, status=status)
    client = client_for(outsider)
    assert client.get(url(name, case)).status_code in (404, 405)
    assert client.post(url(name, case), closing_post(case, action="close")).status_code == 404
    case.refresh_from_db()
    assert case.status == status
    assert not CaseTransition.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(case_id=case.pk).exists()


@pytest.mark.security
@pytest.mark.parametrize("name", VIEWS)
def test_policy_staff_and_admin_get_404(client_for, policy_staff, functional_admin, case, name):
    prepare(case)
    for user in (policy_staff, functional_admin):
        assert client_for(user).post(url(name, case), {}).status_code == 404


# --- query counts ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 20])
def test_closing_page_query_count_does_not_grow(
    client_for, member, case, size, django_assert_max_num_queries
):
    prepare(case, goals=size, scored_domains=min(size, 13))
    kinds = ResultKind.objects.all()[:size]
    save_closing(
        case=case,
        by=member,
        data=complete_input(case, results={k.pk: "toelichting" for k in kinds}),
    )
    client = client_for(member)
    with django_assert_max_num_queries(19):
        response = client.get(url("closing", case))
    assert response.status_code == 200
    assert response.content.decode().count("Doel nummer") == size


@pytest.mark.parametrize("size", [2, 20])
def test_closed_case_page_query_count_does_not_grow(
    client_for, member, case, size, django_assert_max_num_queries
):
    prepare(case, goals=size, scored_domains=min(size, 13))
    kinds = ResultKind.objects.all()[:size]
    save_closing(
        case=case,
        by=member,
        data=complete_input(case, results={k.pk: "toelichting" for k in kinds}),
    )
    close_case(case=case, by=member)
    client = client_for(member)
    # 18: the meetings section on the case page adds 2.
    # 27: the budget and deviation sections add one aggregate query each.
    with django_assert_max_num_queries(27):
        assert client.get(url("detail", case)).status_code == 200
    assert DomainAssessment.objects.filter(case=case).count() == 2 * min(size, 13)
