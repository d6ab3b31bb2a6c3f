from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import User
from opkoers.audit import codes
from opkoers.audit.models import AuditAction
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin


class LogFilterForm(StyledFormMixin, forms.Form):
    date_from = BoundedDateField(label=_("Vanaf"), required=False, widget=DateInput)
    date_to = BoundedDateField(label=_("Tot en met"), required=False, widget=DateInput)
    user = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=User.objects.only("id", "first_name", "last_name", "username"),
        required=False,
        empty_label=_("Iedereen"),
    )
    case_reference = forms.CharField(label=_("Kenmerk traject"), max_length=20, required=False)
    action = forms.ChoiceField(
        label=_("Handeling"),
        choices=[("", _("Alle")), *AuditAction.choices],
        required=False,
    )
    code = forms.ChoiceField(
        label=_("Omschrijving"),
        choices=lambda: [("", _("Alle")), *codes.choices()],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data


class CaseReferenceForm(StyledFormMixin, forms.Form):
    case_reference = forms.CharField(
        label=_("Kenmerk van een traject van de inwoner"),
        max_length=20,
        help_text=_("Alle trajecten van dezelfde inwoner worden meegenomen."),
    )
