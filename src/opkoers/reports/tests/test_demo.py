"""The demo data yields a factsheet with something in every section that can have it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from opkoers.accounts.models import User
from opkoers.reports.tests.helpers import figure

pytestmark = pytest.mark.slow


def test_demo_factsheet_is_not_empty(db, client_for):
    call_command("load_demo", stdout=None)
    today = timezone.localdate()
    period = {
        "date_from": (today - dt.timedelta(days=365)).isoformat(),
        "date_to": today.isoformat(),
    }
    response = client_for(User.objects.get(username="pieter")).get("/rapportage/", period)
    sheet = response.context["report"].sections
    for label in [
        "Aangemeld in de periode",
        "Afgesloten in de periode",
        "Gesprekken gehouden",
        "Behaalde resultaten",
        "Open acties (vandaag)",
    ]:
        assert figure(sheet, label).value, label
    assert figure(sheet, "Betrokken organisaties").value != "0"
    assert figure(sheet, "Mediane doorlooptijd tot afsluiten (dagen)").value is not None
    assert figure(sheet, "Doelen bereikt").basis > 0
    # Policy staff (bo) see the same page, suppressed: a handful of demo cases.
    response = client_for(User.objects.get(username="bo")).get("/rapportage/", period)
    assert response.status_code == 200
    assert figure(response.context["report"].sections, "Afgesloten in de periode").suppressed
