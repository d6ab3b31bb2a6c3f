"""The public form: only what the team needs to call or mail back, in B1 Dutch."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.cases.models import PreferredContact, ReferrerKind
from opkoers.cases.services.self_registration import MAX_STORY
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField
from opkoers.residents.models import CommunicationNeedKind

_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,24}$")
HONEYPOT = "website"


class _MunicipalityChoiceField(forms.ModelChoiceField):
    """A resident knows where they live, not what the team is called."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.municipality or obj.name)


class SelfRegistrationForm(StyledFormMixin, forms.Form):
    team = _MunicipalityChoiceField(
        label=_("Waar woont u?"),
        queryset=Team.objects.none(),
        empty_label=_("– kies uw gemeente –"),
        error_messages={
            "required": _("Kies uw gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Vul de voornaam in.")},
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Vul de achternaam in.")},
    )
    date_of_birth = BoundedDateField(
        label=_("Geboortedatum"),
        required=False,
        not_in_future=True,
        widget=DateInput(),
        help_text=_("Niet verplicht. Zo zien we of we u al kennen."),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 31-12-1980.")},
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Dan krijgt u een e-mail dat we uw aanmelding hebben."),
        error_messages={"invalid": _("Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")},
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wilt u dat we contact opnemen?"),
        choices=[("", _("Maakt niet uit")), *PreferredContact.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    story = forms.CharField(
        label=_("Wat is er aan de hand?"),
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Schrijf het in uw eigen woorden. Kort is goed. Bijvoorbeeld: waar loopt u tegenaan? "
            "Wat heeft u al geprobeerd?"
        ),
        error_messages={
            "required": _("Vertel in een paar woorden wat er aan de hand is."),
            "max_length": _("De tekst is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    communication_needs = forms.MultipleChoiceField(
        label=_("Wat helpt u bij contact met ons?"),
        choices=CommunicationNeedKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niet verplicht. Kies wat voor u geldt."),
    )
    communication_note = forms.CharField(
        label=_("Wilt u daar iets over vertellen?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld welke taal u spreekt."),
    )
    on_behalf = forms.BooleanField(label=_("Ik meld iemand anders aan"), required=False)
    referrer_kind = forms.ChoiceField(
        label=_("Wie bent u?"),
        choices=ReferrerKind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    referrer_name = forms.CharField(label=_("Uw naam"), max_length=200, required=False)
    referrer_organisation = forms.CharField(
        label=_("Uw organisatie"),
        max_length=200,
        required=False,
        help_text=_("Alleen als u hier voor uw werk bent."),
    )
    referrer_contact = forms.CharField(
        label=_("Uw telefoonnummer of e-mailadres"), max_length=200, required=False
    )
    agreed = forms.BooleanField(
        label=_("De persoon die ik aanmeld, vindt dit goed"), required=False
    )
    agreement_note = forms.CharField(
        label=_("Hoe weet u dat?"),
        max_length=500,
        required=False,
        help_text=_("Bijvoorbeeld: we hebben het samen besproken op 2 december."),
    )
    # The honeypot: hidden by CSS, out of the tab order, labelled so that anyone who
    # still reaches it (a screen reader in browse mode) knows to leave it alone.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams]).order_by("name")
        if len(teams) == 1:
            field.initial = teams[0].pk

    def clean_phone(self) -> str:
        value: str = self.cleaned_data.get("phone", "").strip()
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06-12345678.")
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("on_behalf") and not cleaned.get("referrer_kind"):
            self.add_error("referrer_kind", _("Kies wie u bent."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        on_behalf = bool(d["on_behalf"])
        return {
            "team": d["team"],
            "first_name": d["first_name"],
            "last_name": d["last_name"],
            "date_of_birth": d["date_of_birth"],
            "phone": d["phone"],
            "email": d["email"],
            "preferred_contact": d["preferred_contact"],
            "story": d["story"],
            "communication_needs": d["communication_needs"],
            "communication_note": d["communication_note"],
            "referrer_kind": d["referrer_kind"] if on_behalf else "",
            "referrer_name": d["referrer_name"],
            "referrer_organisation": d["referrer_organisation"],
            "referrer_contact": d["referrer_contact"],
            "agreed": d["agreed"],
            "agreement_note": d["agreement_note"],
        }
