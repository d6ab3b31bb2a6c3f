"""Forms for a resident's own data. `ResidentBasicsForm` is shared with the
registration form (cases/forms_registration.py): one set of rules for name, date of
birth, address (or no fixed address) and contact details."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField
from opkoers.residents.models import CommunicationNeedKind, Resident

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,24}$")


class ResidentBasicsForm(StyledFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=100,
        error_messages={"required": _("Vul de voornaam van de inwoner in.")},
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages={"required": _("Vul de achternaam van de inwoner in.")},
    )
    date_of_birth = BoundedDateField(
        label=_("Geboortedatum"),
        required=False,
        not_in_future=True,
        widget=DateInput(),
        help_text=_("Als die bekend is. Nodig om dubbele aanmeldingen te herkennen."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-1980.")},
    )
    has_no_address = forms.BooleanField(
        label=_("Geen vast adres"),
        required=False,
        help_text=_("Bijvoorbeeld dakloos, slaapt bij familie of vrienden, of in de opvang."),
    )
    street = forms.CharField(label=_("Straat en huisnummer"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    address_note = forms.CharField(
        label=_("Verblijf / postadres"),
        max_length=300,
        required=False,
        help_text=_("Waar de inwoner verblijft of post ontvangt als er geen vast adres is."),
    )
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
        },
    )

    def clean_date_of_birth(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date_of_birth")
        if value is not None:
            if value > timezone.localdate():
                raise forms.ValidationError(_("De geboortedatum kan niet in de toekomst liggen."))
            if value.year < 1900:
                raise forms.ValidationError(_("Controleer het jaar van de geboortedatum."))
        return value

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        match = _POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(
                _("Vul een postcode in als 1234 AB (vier cijfers en twee letters).")
            )
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean_phone(self) -> str:
        value: str = self.cleaned_data.get("phone", "").strip()
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06-12345678.")
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("has_no_address"):
            if not (data.get("street") or "").strip():
                self.add_error(
                    "street",
                    _("Vul straat en huisnummer in, of vink ‘geen vast adres’ aan."),
                )
            if not (data.get("city") or "").strip():
                self.add_error("city", _("Vul de woonplaats in, of vink ‘geen vast adres’ aan."))
        return data

    def resident_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ResidentBasicsForm.base_fields}

    @classmethod
    def initial_from(cls, resident: Resident) -> dict[str, Any]:
        return {name: getattr(resident, name) for name in cls.base_fields}


class ResidentEditForm(VersionedFormMixin, ResidentBasicsForm):
    pass


class CommunicationNeedForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=CommunicationNeedKind.choices,
        error_messages={"required": _("Kies een soort communicatiebehoefte.")},
    )
    detail = forms.CharField(
        label=_("Toelichting"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld welke taal, of wat wel werkt (schrijven, beeldbellen)."),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, taken: set[str] | frozenset[str] = frozenset(), **kwargs: Any):
        kwargs.setdefault("prefix", "need")
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("– kies –")),
            *[
                (value, label)
                for value, label in CommunicationNeedKind.choices
                if value not in taken
            ],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, detail = data.get("kind"), (data.get("detail") or "").strip()
        if kind in (CommunicationNeedKind.OTHER, CommunicationNeedKind.LANGUAGE) and not detail:
            self.add_error(
                "detail",
                _("Licht toe wat er nodig is, bijvoorbeeld welke taal de inwoner spreekt."),
            )
        return data


class NetworkPersonForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        error_messages={"required": _("Vul de naam van de netwerkpersoon in.")},
    )
    relation = forms.CharField(
        label=_("Relatie tot de inwoner"),
        max_length=100,
        help_text=_("Bijvoorbeeld zus, buurman, vriendin of schuldhulpmaatje."),
        error_messages={"required": _("Vul in wat de relatie tot de inwoner is.")},
    )
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "network")
        super().__init__(*args, **kwargs)

    def clean_phone(self) -> str:
        value: str = self.cleaned_data.get("phone", "").strip()
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06-12345678.")
            )
        return value
