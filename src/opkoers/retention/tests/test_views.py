"""Anonymised cases on the pages: marked, read-only, still invisible to outsiders."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from opkoers.accounts.models import Team, User
from opkoers.cases.models import Case, CaseStatus
from opkoers.retention.services import ANONYMISED, anonymise_closed_cases
from opkoers.retention.tests.test_services import closed_case


@pytest.fixture
def anonymised(team: Team, member: User) -> Case:
    case = closed_case(team, member, months_ago=30)
    anonymise_closed_cases()
    return Case.objects.get(pk=case.pk)


def test_case_page_says_it_is_anonymised(client_for: Any, member: User, anonymised: Case) -> None:
    response = client_for(member).get(reverse("cases:detail", args=[anonymised.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Dit traject is geanonimiseerd op" in body
    assert ANONYMISED in body
    assert "Anja Fictief" not in body
    assert reverse("cases:reopen", args=[anonymised.pk]) not in body


def test_case_list_marks_anonymised_cases(client_for: Any, member: User, anonymised: Case) -> None:
    response = client_for(member).get(reverse("cases:list"), {"status": "afgesloten"})

    assert response.status_code == 200
    body = response.content.decode()
    assert anonymised.reference in body
    assert "· geanonimiseerd" in body


def test_reopen_of_an_anonymised_case_is_forbidden(
    client_for: Any, member: User, anonymised: Case
) -> None:
    client = client_for(member)
    url = reverse("cases:reopen", args=[anonymised.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"reopen_reason": "Toch nodig"}).status_code == 403
    assert Case.objects.get(pk=anonymised.pk).status == CaseStatus.CLOSED


@pytest.mark.security
def test_outsider_still_gets_404(client_for: Any, outsider: User, anonymised: Case) -> None:
    response = client_for(outsider).get(reverse("cases:detail", args=[anonymised.pk]))
    assert response.status_code == 404
