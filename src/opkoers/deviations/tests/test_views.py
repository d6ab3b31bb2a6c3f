"""The deviation pages: register, approve, bottlenecks, outsiders, query bounds."""

from __future__ import annotations

import pytest
from django.utils import timezone

from opkoers.accounts.models import Role, Team
from opkoers.accounts.tests.factories import TeamFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.tests.factories import CaseFactory
from opkoers.deviations.models import Deviation, DeviationStatus, Rule
from opkoers.deviations.tests.factories import DeviationFactory, RuleFactory


def case_url(case, rest=""):
    return f"/trajecten/{case.pk}/afwijkingen/{rest}"


def form_data(**kw):
    data = {
        "rule": "",
        "new_rule_name": "Wachttijd urgentie",
        "new_rule_regulation": "Huisvestingsverordening",
        "new_rule_article": "2.5",
        "what_differently": "Urgentie verleend zonder wachttijd van zes maanden.",
        "why_it_helps": "Het gezin kan blijven wonen en de kinderen blijven op school.",
        "mandate": "Mandaat college",
        "decided_by": "Projectleider",
        "decided_on": timezone.localdate().isoformat(),
        "share_as_example": "on",
        "submission_token": "8b1d6a52-5d1e-4f8e-8f59-0c6a4f3b9a11",
    }
    data.update(kw)
    return data


def test_member_registers_a_deviation_with_a_new_rule(client_for, member, open_case):
    client = client_for(member)
    assert client.get(case_url(open_case, "nieuw/")).status_code == 200
    assert client.post(case_url(open_case, "nieuw/"), form_data()).status_code == 302
    client.post(case_url(open_case, "nieuw/"), form_data())  # double submit
    deviation = Deviation.objects.get()
    assert (
        deviation.rule.name == "Wachttijd urgentie" and deviation.status == DeviationStatus.PENDING
    )
    assert "Wachttijd urgentie" in client.get(case_url(open_case)).content.decode()
    assert AuditEvent.objects.filter(code="deviation.view", case_id=open_case.pk).exists()


def test_missing_rule_and_texts_keep_the_form(client_for, member, open_case):
    response = client_for(member).post(
        case_url(open_case, "nieuw/"), form_data(new_rule_name="", why_it_helps="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een regel" in html and "waarom dit de inwoner helpt" in html
    assert "Urgentie verleend zonder wachttijd" in html
    assert not Deviation.objects.exists() and not Rule.objects.exists()


def test_shared_text_with_resident_name_is_refused(client_for, member, open_case):
    name = open_case.resident.first_name
    response = client_for(member).post(
        case_url(open_case, "nieuw/"), form_data(why_it_helps=f"{name} kan blijven wonen.")
    )
    assert response.status_code == 200 and "naam van de inwoner" in response.content.decode()
    assert not Deviation.objects.exists()


def test_project_leader_approves_from_the_register(client_for, project_leader, member, open_case):
    deviation = DeviationFactory(
        case=open_case, registered_by=member, status=DeviationStatus.PENDING
    )
    client = client_for(project_leader)
    assert deviation.what_differently in client.get("/afwijkingen/").content.decode()
    client.post(f"/afwijkingen/{deviation.pk}/besluit/", {"decision": "approve"})
    assert Deviation.objects.get(pk=deviation.pk).status == DeviationStatus.APPROVED


def test_register_filters(client_for, project_leader, open_case):
    wanted, other = RuleFactory(name="Kostendelersnorm"), RuleFactory(name="Leeftijdsgrens")
    DeviationFactory(case=open_case, rule=wanted, what_differently="A-tekst")
    DeviationFactory(case=open_case, rule=other, what_differently="B-tekst")
    html = client_for(project_leader).get(f"/afwijkingen/?rule={wanted.pk}").content.decode()
    assert "A-tekst" in html and "B-tekst" not in html


def test_settings_switch_approval_off(client_for, project_leader, team):
    client = client_for(project_leader)
    assert client.get(f"/afwijkingen/instellingen/?team={team.pk}").status_code == 200
    client.post(f"/afwijkingen/instellingen/?team={team.pk}", {})
    assert team.deviation_policy.approval_required is False


def test_policy_staff_sees_bottlenecks_without_personal_data(client_for, policy_staff, team):
    # No team membership needed: policy staff see all teams together.
    case = CaseFactory(team=team)
    rule = RuleFactory(name="Kostendelersnorm")
    DeviationFactory(
        case=case, rule=rule, share_as_example=True, what_differently="Vrijgegeven tekst"
    )
    DeviationFactory(case=case, rule=rule, share_as_example=False, what_differently="Interne tekst")
    html = client_for(policy_staff).get("/afwijkingen/knelpunten/").content.decode()
    assert "Kostendelersnorm" in html and "Vrijgegeven tekst" in html
    assert "Interne tekst" not in html
    for private in (case.reference, case.resident.last_name, case.registered_by.last_name):
        assert private not in html


@pytest.mark.security
def test_bottlenecks_hide_small_counts_from_policy_staff(
    client_for, policy_staff, project_leader, team
):
    """One resident behind a rule, next to a released example, could point at that
    resident: policy staff see "< 5", as in the reports; the project leader the number."""
    rule = RuleFactory(name="Woonduurvereiste")
    DeviationFactory(case=CaseFactory(team=team), rule=rule, share_as_example=True)
    common = RuleFactory(name="Kostendelersnorm")
    for _ in range(6):
        DeviationFactory(case=CaseFactory(team=team), rule=common)

    def cells(user):
        html = client_for(user).get("/afwijkingen/knelpunten/").content.decode()
        table = html.split("<tbody")[1].split("</tbody>")[0]
        rows = [r for r in table.split("<tr")[1:]]
        return {
            name: [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]][1:]
            for row in rows
            for name in ("Woonduurvereiste", "Kostendelersnorm")
            if name in row
        }

    assert cells(policy_staff) == {
        "Woonduurvereiste": ["&lt; 5", "&lt; 5"],
        "Kostendelersnorm": ["6", "6"],
    }
    assert cells(project_leader) == {"Woonduurvereiste": ["1", "1"], "Kostendelersnorm": ["6", "6"]}


def test_national_bottlenecks_name_the_number_of_teams_not_every_team(
    client_for, policy_staff, team
):
    """At national scale a list of every team's name would fill the page."""
    for i in range(6):
        TeamFactory(name=f"Team Verweggistan {i}")
    html = client_for(policy_staff).get("/afwijkingen/knelpunten/").content.decode()
    assert f"Over alle {Team.objects.count()} teams" in html
    assert "Team Verweggistan" not in html


# --- outsiders --------------------------------------------------------------------------


@pytest.mark.security
def test_outsider_gets_404_on_case_pages(client_for, outsider, open_case):
    client = client_for(outsider)
    assert client.get(case_url(open_case)).status_code == 404
    assert client.get(case_url(open_case, "nieuw/")).status_code == 404
    assert client.post(case_url(open_case, "nieuw/"), form_data()).status_code == 404


@pytest.mark.security
def test_colleague_not_at_the_table_gets_the_restricted_view(client_for, colleague, open_case):
    client = client_for(colleague)
    response = client.get(case_url(open_case))
    assert response.status_code == 403 and b"beperkte weergave" in response.content
    assert client.post(case_url(open_case, "nieuw/"), form_data()).status_code == 403
    assert not Deviation.objects.exists()


@pytest.mark.security
def test_team_pages_refuse_others(client_for, outsider, member, open_case, other_team):
    deviation = DeviationFactory(case=open_case, status=DeviationStatus.PENDING)
    other_leader = UserFactory(teams=[other_team], role=Role.PROJECT_LEADER)
    for user in (outsider, member):
        client = client_for(user)
        assert client.get("/afwijkingen/").status_code == 403
        assert client.get("/afwijkingen/instellingen/").status_code == 403
        assert client.get("/afwijkingen/knelpunten/").status_code == 403
    for user in (outsider, member, other_leader):
        response = client_for(user).post(
            f"/afwijkingen/{deviation.pk}/besluit/", {"decision": "approve"}
        )
        assert response.status_code == 404
    other_html = client_for(other_leader).get("/afwijkingen/knelpunten/").content.decode()
    assert deviation.rule.name not in other_html
    assert Deviation.objects.get(pk=deviation.pk).status == DeviationStatus.PENDING


# --- query bounds -----------------------------------------------------------------------


def _many(case, n):
    rules = RuleFactory.create_batch(min(n, 6))
    for i in range(n):
        DeviationFactory(case=case, rule=rules[i % len(rules)], share_as_example=True)


@pytest.mark.parametrize("size", [1, 30])
def test_page_query_bounds(
    client_for, member, project_leader, policy_staff, open_case, size, django_assert_num_queries
):
    _many(open_case, size)
    policy_staff.memberships.create(team=open_case.team)
    pages = [
        (member, case_url(open_case), 11),
        (member, case_url(open_case, "nieuw/"), 12),
        (project_leader, "/afwijkingen/", 13),
        (policy_staff, "/afwijkingen/knelpunten/", 6),
    ]
    for user, url, queries in pages:
        client = client_for(user)
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
