"""Audit completeness: every page that shows a case's personal data adds exactly one
row, of the expected kind, attributed to the viewer, the case and the resident."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from opkoers.audit.models import AuditEvent

pytestmark = [pytest.mark.security, pytest.mark.django_db]

PAGES = [
    ("cases:detail", "view", "case.view"),
    ("cases:intake", "view", "case.intake.view"),
    ("cases:team", "view", "case.team.view"),
    ("cases:stop_early", "view", "case.closing.view"),
    ("residents:edit", "view", "resident.edit.view"),
    ("residents:network", "view", "resident.network.view"),
    ("meetings:list", "view", "meetings.list"),
    ("meetings:plan", "view", "meetings.plan.form"),
    ("plans:detail", "view", "plan.view"),
    ("plans:pdf", "export", "plan.pdf"),
]


@pytest.mark.parametrize(("name", "action", "code"), PAGES)
def test_page_adds_exactly_one_audit_row(
    client_for: Any, member: Any, case: Any, name: str, action: str, code: str
) -> None:
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client_for(member).get(reverse(name, args=[case.pk]), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    rows = list(AuditEvent.objects.filter(id__gt=before))
    assert len(rows) == 1
    row = rows[0]
    assert (row.action, row.code) == (action, code)
    assert row.actor == member and row.actor_role == member.role
    assert row.actor_organisation_id == member.organisation_id
    assert row.case_id == case.pk and row.resident_id == case.resident_id
    assert row.ip_address == "192.0.2.7"
