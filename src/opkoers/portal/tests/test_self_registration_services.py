"""register_self: the case in the one registration queue, channel "zelf", no registrar,
audited in the same transaction, with the duplicate flag."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from opkoers.audit.models import AuditEvent
from opkoers.cases.access import To, case_access
from opkoers.cases.models import Case, CaseStatus, Channel
from opkoers.cases.services.self_registration import register_self
from opkoers.cases.tests.factories import CaseFactory
from opkoers.residents.models import CommunicationNeed

pytestmark = pytest.mark.django_db


def _kwargs(team: Any, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "team": team,
        "first_name": "Noor",
        "last_name": "Verbeek",
        "phone": "06-11223344",
        "story": "Ik heb schulden en mijn uitkering is gestopt.",
    }
    values.update(extra)
    return values


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e.code for e in exc.value.error_list if e.code}


def test_creates_case_in_registration_queue(open_team, member):
    case = register_self(
        **_kwargs(open_team, communication_needs=["tolk"], communication_note="Arabisch")
    )
    assert case.status == CaseStatus.REGISTERED
    assert case.channel == Channel.SELF
    assert case.registered_by is None
    assert case.reason_stuck.startswith("Ik heb schulden")
    assert case.team == open_team
    need = CommunicationNeed.objects.get(resident=case.resident)
    assert (need.kind, need.detail) == ("tolk", "Arabisch")
    event = AuditEvent.objects.get(code="case.self_register")
    assert event.actor is None and event.case_id == case.pk
    # Nobody registered it, so nobody has the registrar's referral access; the team
    # picks it up from the queue.
    access = case_access(member, case.pk)
    assert not access.facts.registrar
    assert access.may(To.PICK_UP)
    assert not access.may(To.READ)


@pytest.mark.security
def test_closed_team_is_refused(team):
    with pytest.raises(ValidationError) as exc:
        register_self(**_kwargs(team))
    assert "team_closed" in _codes(exc)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"first_name": " "}, "first_name_required"),
        ({"phone": "", "email": ""}, "no_contact"),
        ({"story": "  "}, "story_required"),
        ({"story": "x" * 2001}, "too_long"),
        ({"preferred_contact": "email"}, "email_required"),
        ({"preferred_contact": "post"}, "preferred_contact_invalid"),
        ({"date_of_birth": dt.date(2999, 1, 1)}, "date_of_birth_future"),
        ({"communication_needs": ["telepathie"]}, "need_invalid"),
        ({"referrer_kind": "naaste"}, "agreement_required"),
        ({"referrer_kind": "naaste", "agreed": True}, "referrer_name_required"),
        ({"communication_note": "x" * 301}, "communication_note_too_long"),
        ({"agreement_note": "x" * 501}, "agreement_note_too_long"),
    ],
)
def test_bad_input_has_a_code(open_team, extra, code):
    with pytest.raises(ValidationError) as exc:
        register_self(**_kwargs(open_team, **extra))
    assert code in _codes(exc)
    assert not Case.objects.exists()


def test_on_behalf_records_who_and_agreement(open_team):
    case = register_self(
        **_kwargs(
            open_team,
            referrer_kind="professional",
            referrer_name="Sanne de Wit",
            referrer_organisation="Huisartsenpraktijk De Linde",
            referrer_contact="030-1234567",
            agreed=True,
            agreement_note="Samen besproken op het spreekuur.",
        )
    )
    assert case.referrer_kind == "professional"
    assert case.referrer_name == "Sanne de Wit"
    assert case.agreement_note == "Samen besproken op het spreekuur."
    assert AuditEvent.objects.get(code="case.self_register").detail["on_behalf"] == "professional"


def test_possible_duplicate_is_flagged_both_ways(open_team, member):
    earlier = CaseFactory(
        team=open_team,
        registered_by=member,
        resident__first_name="Noor",
        resident__last_name="Verbeek",
        resident__date_of_birth=dt.date(1990, 5, 1),
    )
    case = register_self(**_kwargs(open_team, date_of_birth=dt.date(1990, 5, 1)))
    assert case.possible_duplicate_of == earlier
    earlier.refresh_from_db()
    assert earlier.possible_duplicate_of == case


def test_functional_admin_opens_a_team_for_self_registration(team, functional_admin):
    from opkoers.accounts.services.teams import update_team
    from opkoers.cases.services.self_registration import self_registration_teams

    assert self_registration_teams() == []
    update_team(
        by=functional_admin,
        team=team,
        name=team.name,
        municipality=team.municipality,
        follow_up_working_days=team.follow_up_working_days,
        next_conversation_days=team.next_conversation_days,
        overleg_weekday=team.overleg_weekday,
        active=True,
        accepts_self_registration=True,
    )
    assert self_registration_teams() == [team]
    event = AuditEvent.objects.get(code="accounts.team.update")
    assert event.detail["changed"] == ["accepts_self_registration"]
