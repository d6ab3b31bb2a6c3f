"""The data migrations of the legal-basis workflow, run for real: back to the schema
before it, an old free-text row written, and forward again."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from opkoers.cases.tests.factories import CaseFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security]

BEFORE = [("consent", "0002_fk_indexes_covered_by_composites")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.usefixtures("migrations_restored")
def test_free_text_bases_end_and_grant_nothing(team, member):
    case = CaseFactory(team=team, registered_by=member)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("consent")
    executor = _migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldBasis = old_apps.get_model("consent", "LegalBasis")
    recorded = timezone.localdate() - datetime.timedelta(days=40)
    OldBasis.objects.create(
        case_id=case.pk,
        organisation_id=member.organisation_id,
        law="Participatiewet, artikel 64",
        recorded_by_id=member.pk,
        recorded_on=recorded,
    )
    _migrate(latest)

    from opkoers.consent.models import LegalBasis, LegalBasisStatus

    basis = LegalBasis.objects.get(case=case)
    assert basis.status == LegalBasisStatus.ENDED and basis.basis == ""
    assert basis.motivation == "Participatiewet, artikel 64"
    assert basis.requested_by == member and basis.requested_on == recorded
    assert basis.end_reason and basis.ended_at is not None
    assert not LegalBasis.objects.in_force().exists()
