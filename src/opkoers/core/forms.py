"""Form styling shared by every app: NL Design System classes on widgets, and the ARIA
wiring that tells a screen reader which help text and error belong to a field. And the
bounded fields every date, amount and number goes through (core/validation.py has the
bounds)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from opkoers.core.validation import EARLIEST_DATE, MAX_MONEY, latest_date

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


def _css_class(widget: forms.Widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in _WIDGET_CLASSES:
            return _WIDGET_CLASSES[widget_type]
    return "utrecht-textbox utrecht-textbox--html-input"


class StyledFormMixin:
    """Mix into every Form/ModelForm."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            existing = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{_css_class(widget)} {existing}".strip()
            if field.help_text and not isinstance(
                widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_helptext"  # type: ignore[attr-defined]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", None) or {}:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            error_id = f"id_{self.add_prefix(name)}_error"  # type: ignore[attr-defined]
            described = widget.attrs.get("aria-describedby", "")
            if error_id not in described:
                widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["class"] = widget.attrs.get("class", "") + " utrecht-textbox--invalid"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError onto the form that fed it: per field where the
    service named a field of this form, otherwise at the top of the form (Django's own
    add_error refuses a field name the form does not have)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _percent_lazy(message: Any, params: dict[str, Any]) -> Any:
    """`message % params`, translated when shown rather than when the form class is
    defined (fields are built at import time, before any request chose a language)."""
    return lazy(lambda: str(message) % params, str)()


def _dmy(value: datetime.date) -> str:
    return value.strftime("%d-%m-%Y")


DateLimit = datetime.date | Callable[[], datetime.date] | None


class _DateBounds:
    """Shared by the date and date-time fields: from EARLIEST_DATE to today plus
    FUTURE_YEARS, narrower where the domain says so (`not_in_future` for a birth date
    or a consent's date of signing)."""

    def _init_bounds(self, earliest: DateLimit, latest: DateLimit, not_in_future: bool) -> None:
        self.earliest = earliest
        self.latest = latest
        self.not_in_future = not_in_future

    @staticmethod
    def _resolve(limit: DateLimit) -> datetime.date | None:
        return limit() if callable(limit) else limit

    def check_bounds(self, day: datetime.date) -> None:
        earliest = max(self._resolve(self.earliest) or EARLIEST_DATE, EARLIEST_DATE)
        today = timezone.localdate()
        latest = min(self._resolve(self.latest) or latest_date(today), latest_date(today))
        if day < earliest:
            raise ValidationError(
                _("Vul een datum in vanaf %(date)s."),
                code="date_too_early",
                params={"date": _dmy(earliest)},
            )
        if self.not_in_future and day > today:
            raise ValidationError(
                _("Deze datum kan niet in de toekomst liggen."), code="date_in_future"
            )
        if day > latest:
            raise ValidationError(
                _("Vul een datum in tot en met %(date)s."),
                code="date_too_late",
                params={"date": _dmy(latest)},
            )


class BoundedDateField(_DateBounds, forms.DateField):
    default_error_messages = {
        "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026."),
    }

    def __init__(
        self,
        *,
        earliest: DateLimit = None,
        latest: DateLimit = None,
        not_in_future: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)
        self._init_bounds(earliest, latest, not_in_future)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values:
            self.check_bounds(value)


class BoundedDateTimeField(_DateBounds, forms.DateTimeField):
    default_error_messages = {
        "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 14-03-2026 10:00."),
    }

    def __init__(
        self,
        *,
        earliest: DateLimit = None,
        latest: DateLimit = None,
        not_in_future: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", DateTimeInput())
        super().__init__(**kwargs)
        self._init_bounds(earliest, latest, not_in_future)

    def to_python(self, value: Any) -> datetime.datetime | None:
        try:
            return super().to_python(value)
        except OverflowError as exc:  # a time zone shift past year 1 or 9999
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values:
            # to_python made it aware in the current time zone: .date() is the local day.
            self.check_bounds(value.date())


class BoundedIntegerField(forms.IntegerField):
    """A whole number with both ends given, so no form ever hands the database a number
    its column cannot hold."""

    def __init__(self, *, min_value: int, max_value: int, **kwargs: Any) -> None:
        message = _percent_lazy(
            _("Vul een heel getal in van %(min)s tot en met %(max)s."),
            {"min": min_value, "max": max_value},
        )
        errors: dict[str, Any] = {"invalid": message, "min_value": message, "max_value": message}
        errors.update(kwargs.pop("error_messages", None) or {})
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(min_value=min_value, max_value=max_value, error_messages=errors, **kwargs)


class MoneyField(forms.DecimalField):
    """Euros with cents, typed the Dutch way (75,50) or with a point, from 0 to
    `max_value` (MAX_MONEY unless the domain needs less or more)."""

    def __init__(
        self, *, max_value: Decimal = MAX_MONEY, min_value: Decimal = Decimal("0"), **kwargs: Any
    ) -> None:
        bound = _percent_lazy(
            _("Vul een bedrag in van %(min)s tot en met %(max)s euro."),
            {
                "min": f"{min_value:,.0f}".replace(",", "."),
                "max": f"{max_value:,.0f}".replace(",", "."),
            },
        )
        errors: dict[str, Any] = {
            "invalid": _("Vul een bedrag in, bijvoorbeeld 75 of 75,50."),
            "max_digits": bound,
            "max_whole_digits": bound,
            "max_value": bound,
            "min_value": bound,
            "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
        }
        errors.update(kwargs.pop("error_messages", None) or {})
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        kwargs.setdefault("localize", True)
        super().__init__(
            max_value=max_value,
            min_value=min_value,
            max_digits=12,
            decimal_places=2,
            error_messages=errors,
            **kwargs,
        )

    def run_validators(self, value: Any) -> None:
        # A huge number breaks several bounds at once: say it once.
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise exc.error_list[0] from None
