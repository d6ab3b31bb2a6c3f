from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Organisation
from opkoers.consent.models import ConsentMethod, DataCategory
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin
from opkoers.core.submissions import SubmissionTokenField


class ConsentForm(StyledFormMixin, forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties die gegevens mogen delen"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één organisatie.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Soorten gegevens"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één soort gegevens.")},
    )
    purpose = forms.CharField(
        label=_("Doel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarvoor delen de organisaties de gegevens? In woorden van de inwoner."),
        error_messages={"required": _("Beschrijf waarvoor de gegevens gedeeld worden.")},
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    witness_name = forms.CharField(
        label=_("Naam getuige"),
        required=False,
        max_length=200,
        help_text=_("Alleen nodig bij mondelinge toestemming."),
    )
    given_on = BoundedDateField(label=_("Gegeven op"), widget=DateInput(), not_in_future=True)
    valid_until = BoundedDateField(label=_("Geldig tot en met"), widget=DateInput())
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "given_on": timezone.localdate(),
                "valid_until": timezone.localdate() + datetime.timedelta(days=365),
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.all()


class WithdrawForm(StyledFormMixin, forms.Form):
    withdrawn_by = forms.CharField(
        label=_("Wie trekt de toestemming in?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de inwoner zelf, of de bewindvoerder."),
        error_messages={"required": _("Vul in wie de toestemming intrekt.")},
    )
    withdrawn_on = BoundedDateField(
        label=_("Ingetrokken op"), widget=DateInput(), not_in_future=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class LegalBasisForm(StyledFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.filter(active=True)
    )
    law = forms.CharField(
        label=_("Wet en artikel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Wet gemeentelijke schuldhulpverlening, artikel 5."),
        error_messages={"required": _("Vul de wet en het artikel in.")},
    )
    submission_token = SubmissionTokenField()


class ScanForm(StyledFormMixin, forms.Form):
    scan = forms.FileField(
        label=_("Scan van het ondertekende formulier"),
        help_text=_("PDF, JPEG of PNG."),
        error_messages={"required": _("Kies een bestand.")},
    )
