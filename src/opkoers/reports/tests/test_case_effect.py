"""A case's own effect measurement (trajecten/<id>/effectmeting/)."""

from __future__ import annotations

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.reports.selectors.case_effect import case_effect

pytestmark = pytest.mark.django_db


def _url(case):
    return f"/trajecten/{case.pk}/effectmeting/"


def test_case_effect_figures(handbuilt):
    effect = case_effect(handbuilt.cases["A"])
    changes = {d.domain: (d.at_intake, d.at_closing, d.change) for d in effect.domains}
    assert changes == {"Financiën": (2, 4, 2), "Huisvesting": (3, 3, 0)}
    assert effect.improved == 1 and effect.worse == 0
    assert effect.ladder_change == 2
    assert effect.ladder_intake.startswith("2")
    goals = {g.domain: (g.total, g.reached, g.not_reached) for g in effect.goals}
    assert goals == {"Financiën": (1, 1, 0), "Huisvesting": (1, 0, 1)}


def test_member_sees_the_effect_page_and_it_is_audited(client_for, member, handbuilt):
    case = handbuilt.cases["A"]
    response = client_for(member).get(_url(case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Effectmeting van dit traject" in body
    assert "+2 (verbeterd)" in body
    assert AuditEvent.objects.filter(code="case.effect", case_id=case.pk).count() == 1


def test_open_case_explains_scores_come_at_closing(client_for, member, handbuilt):
    response = client_for(member).get(_url(handbuilt.cases["C"]))
    assert "Dit traject loopt nog" in response.content.decode()


def test_closing_section_links_to_the_effect_page(client_for, member, handbuilt):
    case = handbuilt.cases["A"]
    body = client_for(member).get(f"/trajecten/{case.pk}/").content.decode()
    assert _url(case) in body


@pytest.mark.security
def test_outsider_gets_404(client_for, outsider, handbuilt):
    assert client_for(outsider).get(_url(handbuilt.cases["A"])).status_code == 404


@pytest.mark.security
def test_policy_staff_get_no_case_page(client_for, policy_staff, handbuilt):
    assert client_for(policy_staff).get(_url(handbuilt.cases["A"])).status_code == 404


def test_effect_page_queries_bounded(client_for, member, handbuilt, django_assert_num_queries):
    client = client_for(member)
    with django_assert_num_queries(12):
        assert client.get(_url(handbuilt.cases["B"])).status_code == 200
