from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import User
from opkoers.audit import codes
from opkoers.audit.models import AuditAction
from opkoers.audit.services import BREAK_GLASS_MIN_REASON
from opkoers.core.forms import DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField


class LogFilterForm(StyledFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)
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


class BreakGlassForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden voor noodtoegang"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=BREAK_GLASS_MIN_REASON,
        max_length=1000,
        help_text=_(
            "Waarom heeft u nu, zonder toestemming, toegang nodig? Minstens 15 tekens. "
            "De reden wordt vastgelegd en is zichtbaar voor de projectleider en de "
            "privacyfunctionaris."
        ),
        error_messages={
            "required": _("Geef een reden op."),
            "min_length": _("Geef een reden van minstens %(limit_value)d tekens."),
        },
    )
    submission_token = SubmissionTokenField()
