"""Builders for the registration, intake and case team tests."""

from __future__ import annotations

import uuid
from typing import Any

from opkoers.cases.models import Case

TOKEN = "7d0c4a3e-2f1b-4c5d-8e9f-0a1b2c3d4e5f"


def set_status(case: Case, status: str) -> Case:
    """Test set-up only: put a case in a step without walking the whole process."""
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def registration_data(team: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "team": str(team.pk),
        "first_name": "Sanne",
        "last_name": "Verhoeven",
        "date_of_birth": "1984-03-12",
        "street": "Lindelaan 4",
        "postcode": "3991 ab",
        "city": "Houtenburg",
        "address_note": "",
        "phone": "06-12345678",
        "email": "sanne@example.org",
        "channel": "sociaal_team",
        "referrer_name": "Joyce Bakker",
        "referrer_organisation": "Sociaal team Houtenburg",
        "referrer_contact": "030-7654321",
        "reason_stuck": "Drie loketten, niemand pakt de schulden en de huur samen op.",
        "domains": ["financien", "huisvesting"],
        "urgency": "normaal",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def service_registration(team: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "team": team,
        "first_name": "Sanne",
        "last_name": "Verhoeven",
        "date_of_birth": None,
        "has_no_address": False,
        "street": "Lindelaan 4",
        "postcode": "3991 ab",
        "city": "Houtenburg",
        "channel": "sociaal_team",
        "reason_stuck": "Van het kastje naar de muur.",
        "domains": ["financien"],
        "urgency": "normaal",
    }
    data.update(overrides)
    return data
