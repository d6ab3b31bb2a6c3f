"""The intake page: a save over a newer intake version is a conflict (0026); a POST
without a submission token saves nothing."""

from __future__ import annotations

import uuid

import pytest

from opkoers.cases.models import Case, CaseStatus, DomainAssessment
from opkoers.cases.tests.intake_helpers import set_status
from opkoers.cases.tests.test_intake_views import intake_post, url


@pytest.fixture
def intake_case(case):
    return set_status(case, CaseStatus.INTAKE)


def _post(case, story, version):
    return intake_post(
        case, story_financien=story, version=str(version), submission_token=str(uuid.uuid4())
    )


def test_second_intake_save_gets_the_conflict_page(client_for, member, intake_case):
    page = url("intake", intake_case)
    first, second = client_for(member), client_for(member)
    assert 'name="version" value="1"' in first.get(page).content.decode()
    assert first.post(page, _post(intake_case, "Ik open de post niet meer.", 1)).status_code == 302
    conflict = second.post(page, _post(intake_case, "Ik heb schulden bij de buren.", 1))
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Financiën – In de woorden van de inwoner" in html
    assert "Ik open de post niet meer." in html
    assert "\nIk heb schulden bij de buren.</textarea>" in html
    assert 'name="version" value="2"' in html
    assert DomainAssessment.objects.get(case=intake_case).story == "Ik open de post niet meer."
    again = second.post(page, _post(intake_case, "Ik heb schulden bij de buren.", 2))
    assert again.status_code == 302
    assert DomainAssessment.objects.get(case=intake_case).story == "Ik heb schulden bij de buren."
    assert Case.objects.get(pk=intake_case.pk).intake_version == 3


@pytest.mark.security
def test_an_intake_post_without_token_saves_nothing(client_for, member, intake_case):
    data = intake_post(intake_case, version="1", submission_token="")
    response = client_for(member).post(url("intake", intake_case), data)
    assert response.status_code == 422
    assert "zonder verzendkenmerk" in response.content.decode()
    assert not DomainAssessment.objects.exists()
