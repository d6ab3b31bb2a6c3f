"""Form data as a browser would post it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone


def local_input(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def plan_data(member: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "vervolg",
        "mode": "fysiek",
        "scheduled_at": local_input(timezone.now() + dt.timedelta(days=3)),
        "location": "Gemeentehuis, kamer 12",
        "participants": ["inwoner", f"prof:{member.pk}"],
        "other_participants": "Tolk Tigrinya",
        "resident_agreed": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def record_data(member: Any, **overrides: Any) -> dict[str, Any]:
    held = timezone.now() - dt.timedelta(hours=1)
    data = {
        "held_at": local_input(held),
        "participants": ["inwoner", f"prof:{member.pk}"],
        "other_participants": "",
        "notes": "Mevrouw vertelde over de brieven van de deurwaarder.",
        "decisions": "Joost neemt contact op met de deurwaarder.",
        "follow_up_due": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def base_url(case: Any) -> str:
    return f"/trajecten/{case.pk}/gesprekken/"
