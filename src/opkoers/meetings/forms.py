"""Forms for conversations and follow-up calls. They parse input; the rules live in
services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import User
from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import (
    BoundedDateField,
    BoundedDateTimeField,
    DateInput,
    DateTimeInput,
    StyledFormMixin,
)
from opkoers.core.submissions import SubmissionTokenField
from opkoers.meetings.models import ConversationKind, ConversationMode
from opkoers.meetings.selectors import ParticipantOptions
from opkoers.meetings.services import Participants

MAX_TEXT = 10_000
RESIDENT = "inwoner"
NETWORK_PREFIX = "netwerk:"
USER_PREFIX = "prof:"

DATETIME_ERRORS = {
    "required": _("Vul de datum en tijd in."),
    "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 14-03-2026 10:00."),
}
DATE_ERRORS = {
    "required": _("Vul een datum in."),
    "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
}


def participant_choices(options: ParticipantOptions) -> list[tuple[str, str]]:
    choices = [(RESIDENT, _("%(name)s (inwoner)") % {"name": options.resident_name})]
    choices += [(f"{NETWORK_PREFIX}{p.pk}", f"{p.name} ({p.relation})") for p in options.network]
    for member in options.members:
        organisation = member.user.organisation
        label = f"{member.user} – {member.role_on_case}"
        if organisation is not None:
            label += f" ({organisation.name})"
        choices.append((f"{USER_PREFIX}{member.user_id}", label))
    return choices


def participants_to_choices(participants: Any) -> list[str]:
    """Participant rows of a conversation back into checkbox values."""
    values = []
    for p in participants:
        if p.kind == "inwoner":
            values.append(RESIDENT)
        elif p.network_person_id:
            values.append(f"{NETWORK_PREFIX}{p.network_person_id}")
        elif p.user_id:
            values.append(f"{USER_PREFIX}{p.user_id}")
    return values


def others_of(participants: Any) -> str:
    return "\n".join(p.name for p in participants if p.kind == "overig")


class ParticipantsMixin(forms.Form):
    participants = forms.MultipleChoiceField(
        label=_("Wie zitten er aan tafel?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies deelnemers uit de lijst.")},
    )
    other_participants = forms.CharField(
        label=_("Andere deelnemers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Eén naam per regel, bijvoorbeeld ‘Tolk Tigrinya’ of ‘Buurvrouw Anna’."),
    )

    def set_participant_choices(self, options: ParticipantOptions) -> None:
        field = self.fields["participants"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = participant_choices(options)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("participants") or self._others(cleaned)
        if not chosen and "participants" not in self.errors:
            self.add_error("participants", _("Kies wie er aan tafel zitten."))
        return cleaned

    @staticmethod
    def _others(cleaned: dict[str, Any]) -> list[str]:
        text = cleaned.get("other_participants") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def participants_value(self) -> Participants:
        values = self.cleaned_data.get("participants") or []
        network: set[uuid.UUID] = set()
        users: set[int] = set()
        for value in values:
            if value.startswith(NETWORK_PREFIX):
                network.add(uuid.UUID(value.removeprefix(NETWORK_PREFIX)))
            elif value.startswith(USER_PREFIX):
                users.add(int(value.removeprefix(USER_PREFIX)))
        return Participants(
            resident=RESIDENT in values,
            network_person_ids=frozenset(network),
            user_ids=frozenset(users),
            others=tuple(self._others(self.cleaned_data)),
        )


class ConversationForm(VersionedFormMixin, StyledFormMixin, ParticipantsMixin):
    kind = forms.ChoiceField(
        label=_("Soort gesprek"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het soort gesprek."),
            "invalid_choice": _("Dit soort gesprek past niet bij de stap van het traject."),
        },
    )
    mode = forms.ChoiceField(
        label=_("Hoe vindt het gesprek plaats?"),
        widget=forms.RadioSelect,
        choices=ConversationMode.choices,
        error_messages={"required": _("Kies hoe het gesprek plaatsvindt.")},
    )
    scheduled_at = BoundedDateTimeField(
        label=_("Datum en tijd"),
        widget=DateTimeInput(),
        error_messages=DATETIME_ERRORS,
    )
    location = forms.CharField(
        label=_("Locatie of link"),
        required=False,
        max_length=300,
        help_text=_(
            "Adres of ruimte; bij een huisbezoek het adres van de inwoner; "
            "bij een digitaal gesprek de link."
        ),
    )
    resident_agreed = forms.BooleanField(
        label=_("De inwoner is akkoord met dit moment"),
        required=False,
        help_text=_(
            "De inwoner houdt de regie: vink dit aan als de inwoner het moment heeft "
            "gekozen of goedgekeurd."
        ),
    )
    submission_token = SubmissionTokenField()

    field_order = [
        "kind",
        "mode",
        "scheduled_at",
        "location",
        "participants",
        "other_participants",
        "resident_agreed",
    ]

    def __init__(
        self, *args: Any, kinds: tuple[str, ...], options: ParticipantOptions, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k, ConversationKind(k).label) for k in kinds]
        self.set_participant_choices(options)


class RecordForm(StyledFormMixin, ParticipantsMixin):
    held_at = BoundedDateTimeField(
        label=_("Wanneer was het gesprek?"),
        widget=DateTimeInput(),
        error_messages=DATETIME_ERRORS,
        help_text=_("Mag in het verleden liggen, niet in de toekomst."),
    )
    notes = forms.CharField(
        label=_("Verslag"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat is er besproken? Schrijf het zo op dat de inwoner het kan lezen."),
    )
    decisions = forms.CharField(
        label=_("Besluiten en afspraken"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wie doet wat, en wanneer? Acties zet u daarna in het Samen1plan."),
    )
    follow_up_due = BoundedDateField(
        label=_("Nabellen op"),
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_("Standaard een paar werkdagen na het gesprek; u kunt een andere dag kiezen."),
    )
    submission_token = SubmissionTokenField()

    field_order = [
        "held_at",
        "participants",
        "other_participants",
        "notes",
        "decisions",
        "follow_up_due",
    ]

    def __init__(
        self, *args: Any, options: ParticipantOptions, with_follow_up: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.set_participant_choices(options)
        if not with_follow_up:
            del self.fields["follow_up_due"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        written = (cleaned.get("notes") or "").strip() or (cleaned.get("decisions") or "").strip()
        if not written and "notes" not in self.errors:
            self.add_error("notes", _("Schrijf een kort verslag of de besluiten en afspraken op."))
        return cleaned


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden (niet verplicht)"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: de inwoner is ziek, er komt een nieuwe afspraak."),
    )


REACHED = "gebeld"
NOT_REACHED = "niet_bereikt"


class FollowUpOutcomeForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Hoe ging het nabellen?"),
        widget=forms.RadioSelect,
        choices=[
            (REACHED, _("Gebeld: de inwoner is bereikt")),
            (NOT_REACHED, _("Niet bereikt")),
        ],
        error_messages={"required": _("Kies of u de inwoner hebt bereikt.")},
    )
    outcome = forms.CharField(
        label=_("Uitkomst of toelichting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hoe gaat het met de inwoner en met de afspraken? Lukt het met de acties?"),
    )
    next_due = BoundedDateField(
        label=_("Niet bereikt? Opnieuw bellen op"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_(
            "Kies een nieuwe dag: de nabelafspraak blijft dan open. Laat leeg als u het "
            "niet opnieuw probeert; de nabelafspraak wordt dan gesloten als ‘niet bereikt’."
        ),
    )
    submission_token = SubmissionTokenField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        result = cleaned.get("result")
        if result == REACHED and not (cleaned.get("outcome") or "").strip():
            self.add_error("outcome", _("Schrijf kort op wat er uit het nabellen kwam."))
        if result == REACHED and cleaned.get("next_due"):
            self.add_error(
                "next_due", _("Een nieuwe datum is alleen nodig als u de inwoner niet bereikte.")
            )
        return cleaned


class FollowUpChangeForm(StyledFormMixin, forms.Form):
    assigned_to = forms.ChoiceField(
        label=_("Wie belt?"),
        error_messages={
            "required": _("Kies wie er belt."),
            "invalid_choice": _("Kies iemand uit de lijst."),
        },
    )
    due_date = BoundedDateField(
        label=_("Bellen op"), widget=DateInput(), error_messages=DATE_ERRORS
    )

    def __init__(self, *args: Any, people: list[tuple[User, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(user.pk): user for user, _label in people}
        field = self.fields["assigned_to"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(user.pk), label) for user, label in people]

    def assignee(self) -> User:
        return self.people[self.cleaned_data["assigned_to"]]


def add_service_error(form: forms.Form, error: ValidationError, fields: dict[str, str]) -> None:
    """Puts a service's refusal next to the field it is about, when there is one."""
    field = fields.get(getattr(error, "code", None) or "")
    if field and field in form.fields:
        form.add_error(field, error)
    else:
        form.add_error(None, error)


def _summary_part(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class SummaryForm(StyledFormMixin, forms.Form):
    """The four parts of the summary for the resident. `version` is the stored version
    the form was opened with, so that a later save by someone else is noticed."""

    discussed = _summary_part(_("Wat we hebben besproken"), _("Korte zinnen, gewone woorden."))
    agreed = _summary_part(_("Wat we hebben afgesproken"), "")
    tasks = _summary_part(
        _("Wie doet wat, en vóór wanneer"), _("Eén regel per persoon: wie, wat en vóór welke dag.")
    )
    next_appointment = _summary_part(
        _("Onze volgende afspraak"), _("Dag, tijd en plaats, of: er is geen nieuwe afspraak.")
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput())
