"""The period and team chooser (a GET form: a report is a link that can be shared)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opkoers.accounts.models import Team
from opkoers.core.forms import BoundedDateField, DateInput, StyledFormMixin

if TYPE_CHECKING:
    from django.db.models import QuerySet

# A longer period is allowed, but not an absurd one that only makes the database sort.
MAX_YEARS = 20


class ReportFilterForm(StyledFormMixin, forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=None
    )
    date_from = BoundedDateField(label=_("Vanaf"), required=False, widget=DateInput)
    date_to = BoundedDateField(label=_("Tot en met"), required=False, widget=DateInput)

    def __init__(self, *args: Any, teams: QuerySet[Team], national: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams.order_by("name")
        field.empty_label = _("Alle teams (landelijk)") if national else _("Al mijn teams")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        elif start and end and (end - start).days > MAX_YEARS * 366:
            self.add_error(
                "date_from",
                _("Kies een periode van hoogstens %(years)s jaar.") % {"years": MAX_YEARS},
            )
        return data


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """This calendar year."""
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
