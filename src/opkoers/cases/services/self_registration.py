"""Zelf aanmelden: a resident (or a relative or professional on their behalf, with the
resident's agreement) registers through the public form. The case lands in the same
registration queue as a staff registration, with channel "zelf" and no registrar
(docs/decisions/0023-public-self-registration.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.accounts.models import Team
from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import (
    Case,
    CaseTransition,
    Channel,
    PreferredContact,
    ReferrerKind,
    Urgency,
)
from opkoers.cases.services.registration import (
    _create_case,
    find_possible_duplicate,
    flag_back,
    search_name,
)
from opkoers.core.validation import required_text
from opkoers.residents.models import CommunicationNeed, CommunicationNeedKind, Resident

MAX_STORY = 2000
# The columns' lengths, which the form enforces too: refused, never cut short.
MAX_COMMUNICATION_NOTE = 300
MAX_AGREEMENT_NOTE = 500


def self_registration_teams() -> list[Team]:
    return list(Team.objects.filter(active=True, accepts_self_registration=True).order_by("name"))


def register_self(
    *,
    team: Team,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    phone: str = "",
    email: str = "",
    preferred_contact: str = "",
    story: str,
    communication_needs: Iterable[str] = (),
    communication_note: str = "",
    referrer_kind: str = "",
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact: str = "",
    agreed: bool = False,
    agreement_note: str = "",
) -> Case:
    """Create the resident and the case in step ‘aangemeld’ without a staff actor. The
    resident's own words go into reason_stuck, the field the intake queue shows."""
    errors: list[ValidationError] = []

    def check(condition: bool, message: str, code: str) -> None:
        if not condition:
            errors.append(ValidationError(message, code=code))

    check(
        team.active and team.accepts_self_registration,
        _("Kies een team uit de lijst."),
        "team_closed",
    )
    check(bool(first_name.strip()), _("Vul de voornaam in."), "first_name_required")
    check(bool(last_name.strip()), _("Vul de achternaam in."), "last_name_required")
    check(
        date_of_birth is None or date_of_birth <= timezone.localdate(),
        _("De geboortedatum kan niet in de toekomst liggen."),
        "date_of_birth_future",
    )
    check(
        bool(phone.strip() or email.strip()),
        _("Vul een telefoonnummer of een e-mailadres in. Anders kunnen we u niet bereiken."),
        "no_contact",
    )
    check(
        preferred_contact in {"", *PreferredContact.values},
        _("Kies hoe we contact opnemen."),
        "preferred_contact_invalid",
    )
    check(
        preferred_contact != PreferredContact.EMAIL or bool(email.strip()),
        _("U wilt contact via e-mail. Vul dan ook uw e-mailadres in."),
        "email_required",
    )
    check(
        preferred_contact != PreferredContact.PHONE or bool(phone.strip()),
        _("U wilt dat we bellen. Vul dan ook uw telefoonnummer in."),
        "phone_required",
    )
    needs = sorted(set(communication_needs))
    check(
        set(needs) <= set(CommunicationNeedKind.values),
        _("Kies alleen uit de lijst."),
        "need_invalid",
    )
    try:
        story = required_text(
            story,
            message=_("Vertel in een paar woorden wat er aan de hand is."),
            code="story_required",
            max_length=MAX_STORY,
        )
    except ValidationError as exc:
        errors.append(exc)
    check(
        len(communication_note.strip()) <= MAX_COMMUNICATION_NOTE,
        _("Schrijf de toelichting in hoogstens %(n)s tekens.") % {"n": MAX_COMMUNICATION_NOTE},
        "communication_note_too_long",
    )
    check(
        len(agreement_note.strip()) <= MAX_AGREEMENT_NOTE,
        _("Schrijf in hoogstens %(n)s tekens hoe u dat weet.") % {"n": MAX_AGREEMENT_NOTE},
        "agreement_note_too_long",
    )
    check(referrer_kind in {"", *ReferrerKind.values}, _("Kies uit de lijst."), "kind_invalid")
    if referrer_kind:
        check(
            bool(referrer_name.strip()),
            _("Vul uw eigen naam in, als u iemand anders aanmeldt."),
            "referrer_name_required",
        )
        check(
            bool(referrer_contact.strip()),
            _("Vul uw eigen telefoonnummer of e-mailadres in."),
            "referrer_contact_required",
        )
        check(
            agreed and bool(agreement_note.strip()),
            _("Vink aan dat de inwoner het goed vindt, en schrijf op hoe u dat weet."),
            "agreement_required",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        duplicate = find_possible_duplicate(
            team=team, first_name=first_name, last_name=last_name, date_of_birth=date_of_birth
        )
        resident = Resident.objects.create(
            team=team,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            phone=phone.strip(),
            email=email.strip(),
            search_name=search_name(first_name, last_name),
        )
        if needs:
            note = communication_note.strip()
            CommunicationNeed.objects.bulk_create(
                [
                    CommunicationNeed(resident=resident, kind=kind, detail=note if i == 0 else "")
                    for i, kind in enumerate(needs)
                ]
            )
        case = _create_case(
            team=team,
            resident=resident,
            registered_by=None,
            channel=Channel.SELF,
            referrer_kind=referrer_kind,
            referrer_name=referrer_name.strip() if referrer_kind else "",
            referrer_organisation=referrer_organisation.strip() if referrer_kind else "",
            referrer_contact=referrer_contact.strip() if referrer_kind else "",
            agreement_note=agreement_note.strip() if referrer_kind else "",
            preferred_contact=preferred_contact,
            reason_stuck=story,
            urgency=Urgency.NORMAL,
            possible_duplicate_of=duplicate,
        )
        CaseTransition.objects.create(case=case, from_status="", to_status=case.status, by=None)
        if duplicate is not None:
            flag_back(duplicate=duplicate, case=case, by=None)
        record(
            actor=None,
            action=AuditAction.CREATE,
            code="case.self_register",
            case=case,
            obj=case,
            detail={
                "channel": Channel.SELF,
                "on_behalf": referrer_kind or None,
                "possible_duplicate_of": str(duplicate.pk) if duplicate else None,
            },
        )
    return case
