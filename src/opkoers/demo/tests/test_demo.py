import pytest
from django.core.management import call_command

from opkoers.accounts.models import Role, User
from opkoers.cases.models import Case, CaseStatus
from opkoers.demo.data import DEMO_PASSWORD
from opkoers.meetings.models import FollowUpCall
from opkoers.plans.models import Action

pytestmark = pytest.mark.slow


def test_demo_covers_every_step_and_loads_once(db, capsys):
    call_command("load_demo")
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(CaseStatus.values)
    assert Case.objects.filter(possible_duplicate_of__isnull=False).exists()
    assert Case.objects.filter(resident__has_no_address=True).exists()
    assert Action.objects.exists() and FollowUpCall.objects.exists()
    first = capsys.readouterr().out
    assert DEMO_PASSWORD in first and "pieter" in first and "beheer" in first
    # A login for every role.
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    counts = (Case.objects.count(), User.objects.count(), Action.objects.count())

    call_command("load_demo")
    assert (Case.objects.count(), User.objects.count(), Action.objects.count()) == counts
    assert "niets dubbel" in capsys.readouterr().out


def test_demo_logins_work(db, client):
    call_command("load_demo")
    # Through the login form: django-axes needs the request (client.login() has none).
    login = client.post("/account/inloggen/", {"username": "mila", "password": DEMO_PASSWORD})
    assert login.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    assert "Statia" in response.content.decode()
