"""The intake form: per life domain the resident's story, their priority and the ZRM
score, plus the Participatieladder rung. One plain form, so it works without JS."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from opkoers.cases.selectors_intake import IntakePage, IntakeRow
from opkoers.cases.services.intake import (
    MAX_PRIORITY,
    DomainIntakeInput,
    IntakeInput,
    duplicate_priorities,
)
from opkoers.core.concurrency import VersionedFormMixin
from opkoers.core.forms import StyledFormMixin, _css_class
from opkoers.core.models import LifeDomain, ParticipationRung, ZrmScore
from opkoers.core.submissions import SubmissionTokenField

ACTION_SAVE = "save"
ACTION_ADD_DOMAIN = "add_domain"
ACTION_COMPLETE = "complete"
ACTIONS = {ACTION_SAVE, ACTION_ADD_DOMAIN, ACTION_COMPLETE}


class IntakeForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    ladder_at_intake = forms.TypedChoiceField(
        label=_("Trede op de Participatieladder"),
        choices=[("", _("– nog niet gekozen –")), *ParticipationRung.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Op welke trede staat de inwoner nu?"),
    )
    add_domain = forms.ChoiceField(label=_("Leefgebied"), required=False)
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, page: IntakePage, ladder_at_intake: int | None, **kwargs: Any):
        self.page = page
        kwargs.setdefault("initial", {}).setdefault("ladder_at_intake", ladder_at_intake)
        super().__init__(*args, **kwargs)
        add = self.fields["add_domain"]
        assert isinstance(add, forms.ChoiceField)
        add.choices = [("", _("– kies een leefgebied –")), *page.addable]
        for row in page.rows:
            self.fields[f"story_{row.domain}"] = forms.CharField(
                label=_("In de woorden van de inwoner"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=row.story,
                help_text=_("Wat speelt er, en wat wil de inwoner zelf?"),
            )
            self.fields[f"priority_{row.domain}"] = forms.IntegerField(
                label=_("Prioriteit van de inwoner"),
                min_value=1,
                max_value=MAX_PRIORITY,
                required=False,
                initial=row.priority,
                help_text=_("1 = het belangrijkst voor de inwoner."),
                error_messages={
                    "invalid": _("Vul een getal in."),
                    "min_value": _("De prioriteit is minstens 1."),
                    "max_value": _("De prioriteit is hoogstens %(limit_value)s."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "ok-input-short"}),
            )
            self.fields[f"zrm_{row.domain}"] = forms.TypedChoiceField(
                label=_("ZRM-score"),
                choices=[("", _("– nog niet gescoord –")), *ZrmScore.choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=row.zrm_score,
            )
        self._style_added_fields()

    def _style_added_fields(self) -> None:
        """StyledFormMixin styles the declared fields; the per-domain fields come later."""
        for name, field in self.fields.items():
            widget = field.widget
            if "class" not in widget.attrs:
                widget.attrs["class"] = _css_class(widget)
            if field.help_text and "aria-describedby" not in widget.attrs:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_helptext"

    @property
    def action(self) -> str:
        value = self.data.get("action", ACTION_SAVE) if self.is_bound else ACTION_SAVE
        return value if value in ACTIONS else ACTION_SAVE

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        priorities = {
            row.domain: data.get(f"priority_{row.domain}")
            for row in self.page.rows
            if f"priority_{row.domain}" in data
        }
        for number, domains in sorted(duplicate_priorities(priorities).items()):
            for domain in domains:
                others = ", ".join(str(LifeDomain(d).label) for d in domains if d != domain)
                self.add_error(
                    f"priority_{domain}",
                    _("Prioriteit %(n)s staat ook bij %(others)s. Geef elke prioriteit één keer.")
                    % {"n": number, "others": others},
                )
        if self.action == ACTION_ADD_DOMAIN and not data.get("add_domain"):
            self.add_error("add_domain", _("Kies welk leefgebied u wilt toevoegen."))
        return data

    def domain_rows(self) -> list[tuple[IntakeRow, BoundField, BoundField, BoundField]]:
        return [
            (
                row,
                self[f"story_{row.domain}"],
                self[f"priority_{row.domain}"],
                self[f"zrm_{row.domain}"],
            )
            for row in self.page.rows
        ]

    def error_items(self) -> list[tuple[str, str, list[str]]]:
        """For the error summary: per field in error its id, a label that names the
        domain (the per-domain labels repeat), and the messages."""
        items: list[tuple[str, str, list[str]]] = []
        for row, *fields in self.domain_rows():
            for bound in fields:
                if bound.errors:
                    items.append(
                        (
                            bound.id_for_label,
                            f"{row.label} – {bound.label}",
                            [str(e) for e in bound.errors],
                        )
                    )
        for name in ("ladder_at_intake", "add_domain"):
            bound = self[name]
            if bound.errors:
                items.append((bound.id_for_label, str(bound.label), [str(e) for e in bound.errors]))
        return items

    def to_input(self) -> IntakeInput:
        d = self.cleaned_data
        return IntakeInput(
            domains={
                row.domain: DomainIntakeInput(
                    story=d[f"story_{row.domain}"],
                    priority=d[f"priority_{row.domain}"],
                    zrm_score=d[f"zrm_{row.domain}"],
                )
                for row in self.page.rows
            },
            ladder_at_intake=d["ladder_at_intake"],
        )


class TokenForm(forms.Form):
    """For buttons without input (Intake starten, contactpersoon maken)."""

    submission_token = SubmissionTokenField()
