"""Read-replica routing (core/replica.py, docs/decisions/0027): reads go to `replica`
only inside reads_from_replica(), writes never, and the pages that must show their own
write (case page, werkvoorraad, plan page) never touch it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext

from opkoers.accounts.models import User
from opkoers.core import replica
from opkoers.core.replica import ReplicaRouter, reads_from_replica
from opkoers.plans.models import Action


@pytest.fixture
def configured(monkeypatch: Any, settings: Any) -> None:
    """A replica alias without the lag query: the router's decisions alone."""
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0


def test_reads_inside_the_block_go_to_the_replica(configured: None) -> None:
    router = ReplicaRouter()
    with reads_from_replica():
        assert router.db_for_read(User) == "replica"
    assert router.db_for_read(User) == "default"


def test_writes_never_go_to_the_replica(configured: None) -> None:
    router = ReplicaRouter()
    with reads_from_replica():
        assert router.db_for_write(User) == "default"
    assert router.db_for_write(User) == "default"
    assert router.allow_migrate("replica", "accounts") is False
    assert router.allow_migrate("default", "accounts") is True


def test_an_object_read_from_the_replica_is_followed_on_default(configured: None) -> None:
    instance = User()
    instance._state.db = "replica"
    assert ReplicaRouter().db_for_read(User, instance=instance) == "default"


def test_without_a_replica_everything_stays_on_default(settings: Any) -> None:
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(User) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_inside_a_transaction_reads_stay_on_default() -> None:
    router = ReplicaRouter()
    with transaction.atomic(), reads_from_replica():
        assert router.db_for_read(User) == "default"
    with reads_from_replica():
        assert router.db_for_read(User) == "replica"
        # A transaction opened inside the block still reads its own writes.
        with transaction.atomic():
            assert router.db_for_read(User) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_lagging_replica_falls_back_to_default(monkeypatch: Any, settings: Any) -> None:
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 30
    monkeypatch.setattr(replica, "replica_lag_seconds", lambda: 31.0)
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(User) == "default"
    monkeypatch.setattr(replica, "replica_lag_seconds", lambda: 2.0)
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(User) == "replica"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_replica_that_does_not_answer_falls_back_to_default(monkeypatch: Any) -> None:
    def down() -> float:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(replica, "replica_lag_seconds", down)
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(User) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_lag_check_reads_the_mirror_as_caught_up() -> None:
    assert replica.replica_lag_seconds() == 0.0


# --- pages that must see their own write --------------------------------------------


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_read_after_write_pages_never_touch_the_replica(client_for: Any, member: Any, case: Any):
    from opkoers.cases.models import CaseStatus

    case.status = CaseStatus.PLAN
    case.save(update_fields=["status"])
    client = client_for(member)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.post(
            f"/trajecten/{case.pk}/plan/acties/nieuw/",
            {
                "description": "Afspraak maken met de woningcorporatie",
                "owner": "inwoner",
                "goal": "",
                "due_date": "",
                "submission_token": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 302
        plan = client.get(f"/trajecten/{case.pk}/plan/")
        assert "Afspraak maken met de woningcorporatie" in plan.content.decode()
        assert client.get(f"/trajecten/{case.pk}/").status_code == 200
        assert client.get("/").status_code == 200
    assert Action.objects.filter(case=case).count() == 1
    assert on_replica.captured_queries == []
