"""get_FOO_display through FastChoiceDisplay: same answers as Django's, in the active
language, at a fraction of the cost."""

from __future__ import annotations

import pytest
from django.utils import translation

from opkoers.cases.models import Case, CaseStatus
from opkoers.cases.tests.factories import CaseFactory


@pytest.mark.django_db
def test_display_follows_the_language_and_keeps_unknown_values() -> None:
    case = CaseFactory(status=CaseStatus.IN_PROGRESS)
    with translation.override("nl"):
        assert case.get_status_display() == "Lopend (nabellen en vervolggesprekken)"
    with translation.override("en"):
        assert case.get_status_display() == str(CaseStatus.IN_PROGRESS.label)
        assert not case.get_status_display().startswith("Lopend")
    case.status = "onbekend"  # type: ignore[assignment]
    assert case.get_status_display() == "onbekend"


def test_matches_django_for_every_choice() -> None:
    from django.db import models

    field = Case._meta.get_field("status")
    for value, _label in CaseStatus.choices:
        case = Case(status=value)
        with translation.override("en"):
            ours = case.get_status_display()
            django = models.Model._get_FIELD_display(case, field)
        assert ours == django
