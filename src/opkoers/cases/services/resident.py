"""Writes to a resident's own data: basic details, communication needs and network.

A resident is always reached through one of their cases (the case decides who may see
them), so every function takes the case: it scopes the write, refuses a closed case and
puts the audit row on the right case."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import Case
from opkoers.cases.services.registration import (
    find_possible_duplicate,
    flag_back,
    search_name,
    validate_resident_basics,
)
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.residents.models import (
    CommunicationNeed,
    CommunicationNeedKind,
    NetworkPerson,
    Resident,
)

if TYPE_CHECKING:
    from opkoers.accounts.models import User

RESIDENT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "has_no_address",
    "street",
    "postcode",
    "city",
    "address_note",
    "phone",
    "email",
)


def _open_case(case: Case, by: User) -> Case:
    locked = lock_case(case=case, by=by, to=To.WRITE).case
    if locked.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten en kan niet meer worden gewijzigd. Heropen het eerst.")
        )
    return locked


def update_resident(
    *,
    case: Case,
    by: User,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    has_no_address: bool,
    street: str = "",
    postcode: str = "",
    city: str = "",
    address_note: str = "",
    phone: str = "",
    email: str = "",
    expected_version: int | None = None,
) -> Resident:
    """Change the resident's basic data. A changed name or date of birth looks for a
    possible duplicate again. `expected_version`: the version the edit form showed
    (EditConflict when the resident was saved since, decision 0026)."""
    validate_resident_basics(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        has_no_address=has_no_address,
        street=street,
        city=city,
    )
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "date_of_birth": date_of_birth,
        "has_no_address": has_no_address,
        "street": "" if has_no_address else street.strip(),
        "postcode": "" if has_no_address else postcode.strip().upper(),
        "city": "" if has_no_address else city.strip(),
        "address_note": address_note.strip(),
        "phone": phone.strip(),
        "email": email.strip(),
    }
    with transaction.atomic():
        locked = _open_case(case, by)
        # The resident's own row lock: two cases of one resident lock different case rows.
        resident = Resident.objects.select_for_update().get(pk=locked.resident_id)
        check_version(resident, expected_version, case_id=locked.pk)
        changed = [f for f in RESIDENT_FIELDS if getattr(resident, f) != values[f]]
        if not changed:
            return resident
        for name in changed:
            setattr(resident, name, values[name])
        resident.search_name = search_name(resident.first_name, resident.last_name)
        save_versioned(resident, [*changed, "search_name"])
        if {"first_name", "last_name", "date_of_birth"} & set(changed):
            duplicate = find_possible_duplicate(
                team=locked.team,
                first_name=resident.first_name,
                last_name=resident.last_name,
                date_of_birth=resident.date_of_birth,
                exclude_case=locked.pk,
            )
            Case.objects.filter(pk=locked.pk).update(possible_duplicate_of=duplicate)
            if duplicate is not None:
                flag_back(duplicate=duplicate, case=locked, by=by)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="resident.update",
            case=locked,
            obj=resident,
            # Which fields, never their values: the trail must not copy personal data.
            detail={"fields": changed},
        )
    case.refresh_from_db()
    return resident


def add_communication_need(
    *, case: Case, by: User, kind: str, detail: str = ""
) -> CommunicationNeed:
    if kind not in CommunicationNeedKind.values:
        raise ValidationError(_("Kies een soort communicatiebehoefte uit de lijst."))
    detail = detail.strip()
    if kind in (CommunicationNeedKind.OTHER, CommunicationNeedKind.LANGUAGE) and not detail:
        raise ValidationError(
            _("Licht toe wat er nodig is, bijvoorbeeld welke taal de inwoner spreekt.")
        )
    with transaction.atomic():
        locked = _open_case(case, by)
        if CommunicationNeed.objects.filter(resident_id=locked.resident_id, kind=kind).exists():
            raise ValidationError(
                _("‘%(kind)s’ staat er al. Verwijder het eerst om de toelichting te wijzigen.")
                % {"kind": CommunicationNeedKind(kind).label}
            )
        need = CommunicationNeed.objects.create(
            resident_id=locked.resident_id, kind=kind, detail=detail
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="resident.communication_need.add",
            case=locked,
            obj=need,
            detail={"kind": kind},
        )
    return need


def remove_communication_need(*, case: Case, by: User, need_id: UUID) -> None:
    with transaction.atomic():
        locked = _open_case(case, by)
        need = CommunicationNeed.objects.filter(pk=need_id, resident_id=locked.resident_id).first()
        if need is None:
            raise ValidationError(_("Deze communicatiebehoefte bestaat niet (meer)."))
        kind = need.kind
        need.delete()
        record(
            actor=by,
            action=AuditAction.DELETE,
            code="resident.communication_need.remove",
            case=locked,
            detail={"kind": kind, "id": str(need_id)},
        )


def add_network_person(
    *, case: Case, by: User, name: str, relation: str, phone: str = ""
) -> NetworkPerson:
    name, relation = name.strip(), relation.strip()
    errors = []
    if not name:
        errors.append(_("Vul de naam van de netwerkpersoon in."))
    if not relation:
        errors.append(_("Vul in wat de relatie tot de inwoner is, bijvoorbeeld ‘zus’."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _open_case(case, by)
        person = NetworkPerson.objects.create(
            resident_id=locked.resident_id, name=name, relation=relation, phone=phone.strip()
        )
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="resident.network.add",
            case=locked,
            obj=person,
        )
    return person


def remove_network_person(*, case: Case, by: User, person_id: UUID) -> None:
    with transaction.atomic():
        locked = _open_case(case, by)
        person = NetworkPerson.objects.filter(pk=person_id, resident_id=locked.resident_id).first()
        if person is None:
            raise ValidationError(_("Deze netwerkpersoon bestaat niet (meer)."))
        try:
            with transaction.atomic():
                person.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _(
                    "%(name)s heeft acties in het Samen1plan of was bij een gesprek, en blijft "
                    "daarom in het netwerk staan."
                )
                % {"name": person.name}
            ) from exc
        record(
            actor=by,
            action=AuditAction.DELETE,
            code="resident.network.remove",
            case=locked,
            detail={"id": str(person_id)},
        )
