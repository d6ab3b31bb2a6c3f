"""Aanmelding: a professional registers a resident; the case lands in the team's
intake queue."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.accounts.models import Team
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case, CaseDomain, CaseTransition, Channel, Urgency
from opkoers.core.models import LifeDomain
from opkoers.residents.models import Resident

if TYPE_CHECKING:
    from opkoers.accounts.models import User

_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone


def new_reference() -> str:
    suffix = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"OK-{timezone.localdate().year}-{suffix}"


def search_name(first_name: str, last_name: str) -> str:
    return f"{first_name.strip()} {last_name.strip()}".strip().lower()


def find_possible_duplicate(
    *,
    team: Team,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    exclude_case: UUID | None = None,
) -> Case | None:
    """Same name and date of birth within the team: most likely the same person. Uses
    the resident_duplicate_lookup index (lower(last_name), lower(first_name), dob)."""
    if date_of_birth is None or not first_name.strip() or not last_name.strip():
        return None
    cases = (
        Case.objects.filter(team=team, resident__date_of_birth=date_of_birth)
        .annotate(fn=Lower("resident__first_name"), ln=Lower("resident__last_name"))
        .filter(fn=first_name.strip().lower(), ln=last_name.strip().lower())
    )
    if exclude_case is not None:
        cases = cases.exclude(pk=exclude_case)
    return cases.order_by("-registered_at").first()


def validate_resident_basics(
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    has_no_address: bool,
    street: str,
    city: str,
) -> None:
    """The rules on a resident's basic data, shared by registration and editing."""
    errors = []
    if not first_name.strip():
        errors.append(_("Vul de voornaam van de inwoner in."))
    if not last_name.strip():
        errors.append(_("Vul de achternaam van de inwoner in."))
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        errors.append(_("De geboortedatum kan niet in de toekomst liggen."))
    if not has_no_address and not (street.strip() and city.strip()):
        errors.append(_("Vul een adres in (straat en woonplaats), of vink ‘geen vast adres’ aan."))
    if errors:
        raise ValidationError(errors)


def register_case(
    *,
    by: User,
    team: Team,
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
    channel: str,
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact: str = "",
    reason_stuck: str,
    domains: Iterable[str],
    urgency: str,
) -> Case:
    """Create the resident and the case in step ‘aangemeld’. A possible duplicate (same
    name and date of birth in the team) is flagged on the case, never refused: two
    registrations may well be two people, and the team decides."""
    domains = sorted(set(domains))
    if not by.works_on_cases or not by.teams.filter(pk=team.pk).exists():
        raise ValidationError(_("U kunt alleen aanmelden voor een team waarin u werkt."))
    validate_resident_basics(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        has_no_address=has_no_address,
        street=street,
        city=city,
    )
    if channel not in Channel.values:
        raise ValidationError(_("Kies via welk kanaal de aanmelding binnenkwam."))
    if urgency not in Urgency.values:
        raise ValidationError(_("Kies de urgentie."))
    if not reason_stuck.strip():
        raise ValidationError(_("Beschrijf waarom het via de gewone route niet lukt."))
    if not domains:
        raise ValidationError(_("Kies minstens één leefgebied."))
    if not set(domains) <= set(LifeDomain.values):
        raise ValidationError(_("Kies alleen leefgebieden uit de lijst."))
    with transaction.atomic():
        duplicate = find_possible_duplicate(
            team=team, first_name=first_name, last_name=last_name, date_of_birth=date_of_birth
        )
        resident = Resident.objects.create(
            team=team,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            has_no_address=has_no_address,
            street="" if has_no_address else street.strip(),
            postcode="" if has_no_address else postcode.strip().upper(),
            city="" if has_no_address else city.strip(),
            address_note=address_note.strip(),
            phone=phone.strip(),
            email=email.strip(),
            search_name=search_name(first_name, last_name),
        )
        case = _create_case(
            team=team,
            resident=resident,
            registered_by=by,
            channel=channel,
            referrer_name=referrer_name.strip(),
            referrer_organisation=referrer_organisation.strip(),
            referrer_contact=referrer_contact.strip(),
            reason_stuck=reason_stuck.strip(),
            urgency=urgency,
            possible_duplicate_of=duplicate,
        )
        CaseDomain.objects.bulk_create([CaseDomain(case=case, domain=d) for d in domains])
        CaseTransition.objects.create(case=case, from_status="", to_status=case.status, by=by)
        if duplicate is not None:
            flag_back(duplicate=duplicate, case=case, by=by)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="case.register",
            case=case,
            obj=case,
            detail={
                "channel": channel,
                "domains": domains,
                "urgency": urgency,
                "has_no_address": has_no_address,
                "possible_duplicate_of": str(duplicate.pk) if duplicate else None,
            },
        )
    return case


def flag_back(*, duplicate: Case, case: Case, by: User | None) -> None:
    """Flag the earlier case too, so that both case pages warn without an extra query
    (a case page reads only its own flag). An existing flag is kept."""
    flagged = Case.objects.filter(pk=duplicate.pk, possible_duplicate_of__isnull=True).update(
        possible_duplicate_of=case
    )
    if flagged:
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.duplicate_flag",
            case=duplicate,
            obj=duplicate,
            detail={"possible_duplicate_of": str(case.pk)},
        )


def _create_case(**fields: object) -> Case:
    """A random reference can collide (1 in 10^9 per year); try again rather than fail."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(
                    reference=new_reference(), registered_at=timezone.now(), **fields
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")
