"""The code registry: every code the code base records has a Dutch label (and English),
and pages show the label, never the code."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from opkoers.audit.codes import CODES, choices, is_known, label_for
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record

pytestmark = pytest.mark.security

SOURCE = Path(settings.BASE_DIR)
# Codes built at run time from a fixed set of parts (f-strings in the callers).
DYNAMIC = {
    "budget.request.{code}": {"reject", "more_info"},
    "reports.factsheet.{export}": {"pdf", "csv", "xlsx"},
}


def _literal_codes() -> set[str]:
    """Every string passed as code= / audit_code= in application code, or assigned to a
    name ending in AUDIT_CODE."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if (
                        kw.arg in ("code", "audit_code")
                        and isinstance(kw.value, ast.Constant)
                        and isinstance(kw.value.value, str)
                        and "." in kw.value.value
                    ):
                        found.add(kw.value.value)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id.endswith("AUDIT_CODE"):
                        found.add(str(node.value.value))
    return found


def test_every_code_in_the_code_base_is_registered() -> None:
    codes = _literal_codes()
    assert len(codes) > 100  # the scan finds the call sites
    for template, parts in DYNAMIC.items():
        prefix = template.split("{")[0]
        codes |= {prefix + part for part in parts}
    assert not sorted(c for c in codes if not is_known(c))


def test_the_codes_other_features_add_are_registered() -> None:
    for code in (
        "auth.login_failed",
        "auth.lockout",
        "accounts.invitation.create",
        "accounts.invitation.accept",
        "consent.legal_basis.request",
        "consent.legal_basis.approve",
        "consent.legal_basis.reject",
        "consent.legal_basis.end",
        "breakglass.open",
        "breakglass.review",
        "breakglass.refused",
        "case.list",
        "case.search",
        "case.export",
        "privacy.verify",
        "privacy.audit_export",
    ):
        assert is_known(code), code


def test_labels_are_dutch_with_an_english_translation() -> None:
    with translation.override("nl"):
        assert label_for("case.search") == "Gevonden bij zoeken"
        dutch = {code: label_for(code) for code in CODES}
    with translation.override("en"):
        assert label_for("case.search") == "Found in a search"
        english = {code: label_for(code) for code in CODES}
    assert all(dutch.values()) and all(english.values())
    assert all(label != code for code, label in dutch.items())
    assert label_for("retired.code") == "retired.code"  # an old row keeps what it had
    assert len(choices()) == len(CODES)


@pytest.mark.django_db
def test_the_audit_log_shows_labels_not_codes(client_for: Any, member: Any, case: Any) -> None:
    from opkoers.accounts.models import Role
    from opkoers.accounts.tests.factories import UserFactory

    officer = UserFactory(role=Role.PRIVACY_OFFICER, first_name="Priya", last_name="Waker")
    with transaction.atomic():
        record(actor=member, action=AuditAction.SEARCH, code="case.search", case=case)
    response = client_for(officer).get(reverse("audit:log"))
    html = response.content.decode()
    assert "Gevonden bij zoeken" in html
    assert "case.search" not in html.split("<table", 1)[1]
    response = client_for(officer).get(reverse("audit:log"), {"code": "case.search"})
    assert response.status_code == 200 and "Gevonden bij zoeken" in response.content.decode()
