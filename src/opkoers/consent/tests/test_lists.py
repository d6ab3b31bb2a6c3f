"""Lists show names only where consent covers the user; the contact person is told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.consent import services
from opkoers.consent.tests.factories import give_team_consent

pytestmark = [pytest.mark.django_db, pytest.mark.security]


def test_case_list_masks_names_of_uncovered_cases(client_for, member, team, case):
    hidden = CaseFactory(team=team, consent=False)
    give_team_consent(hidden, organisations=[CaseTeamMemberFactory(case=hidden).user.organisation])
    html = client_for(member).get(reverse("cases:list")).content.decode()
    assert case.resident.last_name in html
    assert hidden.reference in html
    assert hidden.resident.last_name not in html and "beperkt" in html


def test_name_search_does_not_find_uncovered_cases(client_for, member, team):
    hidden = CaseFactory(team=team, consent=False, resident__last_name="Verborgenhof")
    give_team_consent(hidden, organisations=[CaseTeamMemberFactory(case=hidden).user.organisation])
    html = client_for(member).get(reverse("cases:list"), {"q": "verborgenhof"}).content.decode()
    assert hidden.reference not in html


@pytest.mark.parametrize("size", [2, 12])
def test_case_list_query_count_with_masking(
    client_for, member, team, size, django_assert_max_num_queries
):
    for i in range(size):
        CaseFactory(team=team, consent=(i % 2 == 0))
    client = client_for(member)
    client.get(reverse("cases:list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:list")).status_code == 200


def test_worklist_tells_the_contact_person_about_withdrawal(client_for, member, case):
    client = client_for(member)
    html = client.get("/").content.decode()
    assert "geen geldige toestemming" not in html
    services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")
    html = client.get("/").content.decode()
    assert "geen geldige toestemming" in html
    assert reverse("consent:case", args=[case.pk]) in html


def test_worklist_masks_names_of_uncovered_cases(client_for, member, team, case):
    hidden = CaseFactory(team=team, consent=False, resident__last_name="Verborgenhof")
    give_team_consent(hidden, organisations=[CaseTeamMemberFactory(case=hidden).user.organisation])
    html = client_for(member).get("/").content.decode()
    assert hidden.reference in html
    assert "Verborgenhof" not in html
    assert case.resident.last_name in html
