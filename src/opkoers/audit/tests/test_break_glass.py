"""Break the glass: a typed reason, a time limit, an audit row, a list for the leader."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent, BreakGlassAccess
from opkoers.audit.permissions import has_active_break_glass
from opkoers.audit.services import break_glass
from opkoers.cases.tests.factories import CaseFactory

pytestmark = [pytest.mark.security, pytest.mark.django_db]

REASON = "Inwoner dreigt vandaag uit huis gezet te worden"


def test_break_glass_is_audited_with_the_reason_and_expires(colleague: Any, case: Any) -> None:
    access = break_glass(user=colleague, case=case, reason=REASON)
    event = AuditEvent.objects.get(code="audit.break_glass")
    assert event.action == AuditAction.BREAK_GLASS
    assert event.purpose == REASON and event.case_id == case.pk and event.actor == colleague
    assert timedelta(minutes=29) < access.expires_at - access.started_at <= timedelta(minutes=31)
    assert has_active_break_glass(colleague, case)
    BreakGlassAccess.objects.filter(pk=access.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not has_active_break_glass(colleague, case)


def test_duration_is_a_setting(colleague: Any, case: Any, settings: Any) -> None:
    settings.OPKOERS = {**settings.OPKOERS, "BREAK_GLASS_MINUTES": 5}
    access = break_glass(user=colleague, case=case, reason=REASON)
    assert access.expires_at - timezone.now() <= timedelta(minutes=5)


def test_only_for_the_user_and_the_case(colleague: Any, member: Any, case: Any) -> None:
    break_glass(user=colleague, case=case, reason=REASON)
    assert not has_active_break_glass(member, case)
    assert not has_active_break_glass(colleague, CaseFactory(team=case.team))


@pytest.mark.parametrize("reason", ["", "   ", "te kort"])
def test_reason_is_required(colleague: Any, case: Any, reason: str) -> None:
    with pytest.raises(ValidationError, match="minstens 15 tekens"):
        break_glass(user=colleague, case=case, reason=reason)
    assert not BreakGlassAccess.objects.exists()
    assert not AuditEvent.objects.filter(code="audit.break_glass").exists()


@pytest.mark.parametrize("who", ["outsider", "policy_staff", "functional_admin"])
def test_refused_outside_the_team(request: Any, case: Any, who: str) -> None:
    with pytest.raises(ValidationError):
        break_glass(user=request.getfixturevalue(who), case=case, reason=REASON)
    assert not BreakGlassAccess.objects.exists()


def test_form_opens_access_and_redirects_to_the_case(
    client_for: Any, colleague: Any, case: Any
) -> None:
    client = client_for(colleague)
    url = reverse("audit:break_glass", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"reason": REASON, "submission_token": "4f1f7e5e-1111-4a4a-8a8a-000000000001"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    # A double submit does not open a second access.
    client.post(url, {"reason": REASON, "submission_token": "4f1f7e5e-1111-4a4a-8a8a-000000000001"})
    assert BreakGlassAccess.objects.filter(user=colleague, case=case).count() == 1


def test_form_without_a_reason_shows_a_dutch_error_and_keeps_input(
    client_for: Any, colleague: Any, case: Any
) -> None:
    response = client_for(colleague).post(
        reverse("audit:break_glass", args=[case.pk]), {"reason": "spoed"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Geef een reden van minstens 15 tekens." in html and "spoed" in html
    assert not BreakGlassAccess.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "policy_staff", "functional_admin"])
def test_form_is_404_outside_the_team(request: Any, client_for: Any, case: Any, who: str) -> None:
    client = client_for(request.getfixturevalue(who))
    url = reverse("audit:break_glass", args=[case.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": REASON}).status_code == 404


def test_project_leader_lists_own_team_only(
    client_for: Any, project_leader: Any, colleague: Any, outsider: Any, case: Any
) -> None:
    break_glass(user=colleague, case=case, reason=REASON)
    elsewhere = CaseFactory(team=outsider.teams.get())
    break_glass(user=outsider, case=elsewhere, reason="Andere reden van het andere team")
    response = client_for(project_leader).get(reverse("audit:break_glass_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert REASON in html and "Andere reden" not in html


def test_privacy_officer_lists_all(
    client_for: Any, colleague: Any, outsider: Any, case: Any
) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    break_glass(user=colleague, case=case, reason=REASON)
    elsewhere = CaseFactory(team=outsider.teams.get())
    break_glass(user=outsider, case=elsewhere, reason="Andere reden van het andere team")
    html = client_for(officer).get(reverse("audit:break_glass_list")).content.decode()
    assert REASON in html and "Andere reden" in html


@pytest.mark.parametrize(
    "who", ["member", "colleague", "outsider", "policy_staff", "functional_admin"]
)
def test_list_is_forbidden_for_others(request: Any, client_for: Any, who: str) -> None:
    response = client_for(request.getfixturevalue(who)).get(reverse("audit:break_glass_list"))
    assert response.status_code == 403
