"""Forms of the effects calculator. They only parse input; the rules live in services."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import (
    BoundedDateField,
    BoundedIntegerField,
    DateInput,
    MoneyField,
    StyledFormMixin,
)
from opkoers.core.submissions import SubmissionTokenField
from opkoers.core.validation import MAX_QUANTITY
from opkoers.effects.models import Payer, PriceItem, Timeline
from opkoers.effects.templatetags.effects import euro

QUANTITY_ERRORS = {
    "required": _("Vul een aantal in."),
    "invalid": _("Vul een getal in, bijvoorbeeld 2 of 1,5."),
    "max_digits": _("Vul een kleiner aantal in."),
    "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
    "max_whole_digits": _("Vul een kleiner aantal in."),
    "max_value": _("Vul een aantal in van hoogstens %(limit_value)s."),
}


class _EntryDetails(StyledFormMixin, forms.Form):
    """What can be said of a line, when adding it and when changing it."""

    quantity = forms.DecimalField(
        label=_("Aantal"),
        max_digits=9,
        decimal_places=2,
        max_value=MAX_QUANTITY,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("In de eenheid van de post, bijvoorbeeld 3 (uur) of 6 (maanden)."),
        error_messages=QUANTITY_ERRORS,
    )
    occurred_on = BoundedDateField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        help_text=_("Niet verplicht. Bij de referentie: wanneer het waarschijnlijk was gebeurd."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026.")},
    )
    payer = forms.ChoiceField(
        label=_("Wie draagt de kosten?"),
        required=False,
        choices=[("", _("Zoals in de prijslijst")), *Payer.choices],
        error_messages={"invalid_choice": _("Kies uit de lijst wie de kosten draagt.")},
    )
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Kort en zonder onnodige persoonsgegevens."),
        error_messages={"max_length": _("De toelichting is te lang: hoogstens 300 tekens.")},
    )

    def clean_quantity(self) -> Decimal:
        value = self.cleaned_data["quantity"]
        if value <= 0:
            raise forms.ValidationError(_("Vul een aantal in groter dan 0."))
        return value

    def clean_occurred_on(self) -> datetime.date | None:
        value = self.cleaned_data["occurred_on"]
        if value and value.year < 1990:
            raise forms.ValidationError(_("Vul een datum in na 1990."))
        return value


class EntryForm(_EntryDetails):
    field_order = ["timeline", "price_item", "quantity", "occurred_on", "payer", "description"]

    timeline = forms.ChoiceField(
        label=_("Tijdlijn"),
        choices=Timeline.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een tijdlijn: met of zonder Op Koers."),
            "invalid_choice": _("Kies een tijdlijn: met of zonder Op Koers."),
        },
    )
    price_item = forms.ChoiceField(
        label=_("Post uit de prijslijst"),
        error_messages={
            "required": _("Kies een post uit de prijslijst."),
            "invalid_choice": _("Kies een post uit de prijslijst."),
        },
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, items: list[PriceItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._items = {str(item.pk): item for item in items}
        field = self.fields["price_item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Kies een post")),
            *[
                (key, f"{item.name} – {euro(item.price)} {item.unit}")
                for key, item in self._items.items()
            ],
        ]

    def clean_price_item(self) -> PriceItem:
        item = self._items.get(self.cleaned_data["price_item"])
        if item is None:
            raise forms.ValidationError(_("Kies een post uit de prijslijst."))
        return item


class EntryEditForm(VersionedFormMixin, _EntryDetails):
    """Changing a line keeps its post, its timeline and the price it was entered at:
    choosing another post is removing this line and adding another."""


class PriceItemForm(StyledFormMixin, forms.ModelForm):
    price = MoneyField(label=_("Prijs"), error_messages={"required": _("Vul een prijs in.")})
    year = BoundedIntegerField(
        label=_("Peiljaar"),
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": _("Vul het peiljaar in."),
            **dict.fromkeys(
                ("invalid", "min_value", "max_value"),
                _("Vul een peiljaar in van 1990 tot en met 2100."),
            ),
        },
    )
    source_url = forms.URLField(
        label=_("Link naar de bron"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldige link in, beginnend met https://.")},
    )
    submission_token = SubmissionTokenField()

    class Meta:
        model = PriceItem
        fields = [
            "name",
            "unit",
            "price",
            "payer",
            "source",
            "source_url",
            "year",
            "explanation",
            "active",
        ]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Geef de post een naam.")},
            "unit": {"required": _("Vul de eenheid in, bijvoorbeeld ‘per uur’.")},
            "source": {"required": _("Noem de bron van de prijs.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model's unique check would duplicate the service's, in English wording.
        self.instance.validate_unique = lambda *a, **k: None
        if not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year)


def default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return datetime.date(today.year, 1, 1), today


class PeriodForm(StyledFormMixin, forms.Form):
    """GET form of the aggregate page. Invalid input falls back to the default period
    with the errors shown, never a 500."""

    start = BoundedDateField(
        label=_("Afgesloten vanaf"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 01-01-2026.")},
    )
    end = BoundedDateField(
        label=_("Afgesloten tot en met"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")},
    )
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args: Any, teams: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._teams = {str(t.pk): t for t in teams}
        field = self.fields["team"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle teams")), *[(k, t.name) for k, t in self._teams.items()]]
        field.error_messages["invalid_choice"] = _("Kies een team uit de lijst.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("De einddatum ligt vóór de begindatum."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        default_start, default_end = default_period()
        if not self.is_valid():
            return default_start, default_end
        return (
            self.cleaned_data.get("start") or default_start,
            self.cleaned_data.get("end") or default_end,
        )

    def chosen_teams(self) -> list[Any]:
        if self.is_valid() and self.cleaned_data.get("team"):
            return [self._teams[self.cleaned_data["team"]]]
        return list(self._teams.values())
