"""Resident data through a case: basic details, communication needs, network."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import CaseStatus
from opkoers.cases.services.resident import (
    add_communication_need,
    add_network_person,
    remove_communication_need,
    remove_network_person,
    update_resident,
)
from opkoers.cases.tests.factories import CaseFactory
from opkoers.cases.tests.intake_helpers import set_status
from opkoers.plans.models import Action, OwnerKind
from opkoers.residents.models import CommunicationNeed, NetworkPerson
from opkoers.residents.tests.factories import CommunicationNeedFactory, NetworkPersonFactory


def basics(**overrides):
    data = {
        "first_name": "Karim",
        "last_name": "Bouzid",
        "date_of_birth": datetime.date(1979, 5, 1),
        "has_no_address": False,
        "street": "Kerkstraat 2",
        "postcode": "3991 cd",
        "city": "Houtenburg",
        "address_note": "",
        "phone": "06-87654321",
        "email": "",
    }
    data.update(overrides)
    return data


def test_update_resident_changes_fields_and_audits_names_of_fields_only(case, member):
    update_resident(case=case, by=member, **basics())
    resident = case.resident
    resident.refresh_from_db()
    assert (resident.first_name, resident.postcode) == ("Karim", "3991 CD")
    assert resident.search_name == "karim bouzid"
    event = AuditEvent.objects.get(code="resident.update")
    assert "first_name" in event.detail["fields"] and "Karim" not in str(event.detail)


def test_no_address_clears_the_address_and_keeps_the_note(case, member):
    update_resident(
        case=case, by=member, **basics(has_no_address=True, address_note="Post via de kerk")
    )
    resident = case.resident
    resident.refresh_from_db()
    assert resident.has_no_address and resident.street == "" and resident.city == ""
    assert resident.address_note == "Post via de kerk"


def test_unchanged_data_writes_nothing(case, member):
    update_resident(case=case, by=member, **basics())
    update_resident(case=case, by=member, **basics())
    assert AuditEvent.objects.filter(code="resident.update").count() == 1


@pytest.mark.parametrize(
    "override",
    [{"first_name": ""}, {"street": "", "city": ""}, {"date_of_birth": datetime.date(2999, 1, 1)}],
)
def test_update_resident_refuses_incomplete_data(case, member, override):
    with pytest.raises(ValidationError):
        update_resident(case=case, by=member, **basics(**override))


def test_renaming_to_match_another_resident_flags_a_duplicate(case, member, team):
    other = CaseFactory(team=team)
    update_resident(
        case=case,
        by=member,
        **basics(
            first_name=other.resident.first_name,
            last_name=other.resident.last_name,
            date_of_birth=other.resident.date_of_birth,
        ),
    )
    case.refresh_from_db()
    other.refresh_from_db()
    assert case.possible_duplicate_of == other and other.possible_duplicate_of == case


def test_communication_needs(case, member):
    need = add_communication_need(case=case, by=member, kind="doof", detail="Liever schrijven")
    assert need.resident == case.resident
    with pytest.raises(ValidationError, match="staat er al"):
        add_communication_need(case=case, by=member, kind="doof")
    with pytest.raises(ValidationError, match="welke taal"):
        add_communication_need(case=case, by=member, kind="taal")
    with pytest.raises(ValidationError):
        add_communication_need(case=case, by=member, kind="telepathie")
    remove_communication_need(case=case, by=member, need_id=need.pk)
    assert not CommunicationNeed.objects.exists()
    codes = list(AuditEvent.objects.values_list("code", flat=True))
    assert "resident.communication_need.add" in codes
    assert "resident.communication_need.remove" in codes


@pytest.mark.security
def test_needs_and_people_of_another_resident_cannot_be_removed(case, member, team):
    other = CaseFactory(team=team)
    need = CommunicationNeedFactory(resident=other.resident)
    person = NetworkPersonFactory(resident=other.resident)
    with pytest.raises(ValidationError):
        remove_communication_need(case=case, by=member, need_id=need.pk)
    with pytest.raises(ValidationError):
        remove_network_person(case=case, by=member, person_id=person.pk)
    assert CommunicationNeed.objects.filter(pk=need.pk).exists()
    assert NetworkPerson.objects.filter(pk=person.pk).exists()


def test_network_people(case, member):
    person = add_network_person(case=case, by=member, name=" Fatima ", relation="zus")
    assert (person.name, person.resident) == ("Fatima", case.resident)
    with pytest.raises(ValidationError):
        add_network_person(case=case, by=member, name="", relation="")
    remove_network_person(case=case, by=member, person_id=person.pk)
    assert not NetworkPerson.objects.exists()


def test_network_person_with_plan_actions_stays(case, member):
    person = NetworkPersonFactory(resident=case.resident)
    set_status(case, CaseStatus.PLAN)
    Action.objects.create(
        case=case,
        description="Gaat mee naar de schuldhulp",
        owner_kind=OwnerKind.NETWORK,
        owner_network_person=person,
        created_by=member,
    )
    with pytest.raises(ValidationError, match="blijft"):
        remove_network_person(case=case, by=member, person_id=person.pk)
    assert NetworkPerson.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda case, m: update_resident(case=case, by=m, **basics()),
        lambda case, m: add_communication_need(case=case, by=m, kind="doof"),
        lambda case, m: add_network_person(case=case, by=m, name="A", relation="buur"),
    ],
)
def test_closed_case_refuses_changes(case, member, call):
    set_status(case, CaseStatus.CLOSED)
    with pytest.raises(ValidationError, match="afgesloten"):
        call(case, member)
