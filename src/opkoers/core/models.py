"""Shared base model and vocabularies."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

_LABELS_ATTR = "_opkoers_choice_labels"


class FastChoiceDisplay(models.Model):
    """`get_FOO_display()` without Django's per-call cost: Django rebuilds a dict of all
    choices and hashes every lazy label (one gettext each) on every call, which made a
    list page of 25 rows spend tens of milliseconds translating labels it never shows.
    Here the value → label map is built once per field; one label is translated per call."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        value = getattr(self, field.attname)
        labels: dict[Any, Any] | None = field.__dict__.get(_LABELS_ATTR)
        if labels is None:
            labels = {choice: label for choice, label in field.flatchoices}
            field.__dict__[_LABELS_ATTR] = labels
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (JSON choices): Django's own way
            return super()._get_FIELD_display(field)  # type: ignore[misc]
        return force_str(label, strings_only=True)


class BaseModel(FastChoiceDisplay):
    """UUID primary keys: ids in URLs reveal nothing about volume or order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class LifeDomain(models.TextChoices):
    """The 13 domains of the Zelfredzaamheidsmatrix (ZRM 2017); also our life domains,
    so that help questions, goals and scores line up in reports."""

    FINANCES = "financien", _("Financiën")
    WORK_EDUCATION = "werk_opleiding", _("Werk & opleiding")
    DAYTIME_ACTIVITIES = "tijdsbesteding", _("Tijdsbesteding")
    HOUSING = "huisvesting", _("Huisvesting")
    DOMESTIC_RELATIONS = "huiselijke_relaties", _("Huiselijke relaties")
    MENTAL_HEALTH = "geestelijke_gezondheid", _("Geestelijke gezondheid")
    PHYSICAL_HEALTH = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    SUBSTANCE_USE = "middelengebruik", _("Middelengebruik")
    BASIC_ADL = "basale_adl", _("Basale ADL")
    INSTRUMENTAL_ADL = "instrumentele_adl", _("Instrumentele ADL")
    SOCIAL_NETWORK = "sociaal_netwerk", _("Sociaal netwerk")
    COMMUNITY_PARTICIPATION = "maatschappelijke_participatie", _("Maatschappelijke participatie")
    JUSTICE = "justitie", _("Justitie")


class ZrmScore(models.IntegerChoices):
    ACUTE = 1, _("1 – acute problematiek")
    NOT_SELF_RELIANT = 2, _("2 – niet zelfredzaam")
    BARELY_SELF_RELIANT = 3, _("3 – beperkt zelfredzaam")
    SELF_RELIANT = 4, _("4 – voldoende zelfredzaam")
    FULLY_SELF_RELIANT = 5, _("5 – volledig zelfredzaam")


class ParticipationRung(models.IntegerChoices):
    """Participatieladder (Movisie/Divosa), rungs 1–6."""

    ISOLATED = 1, _("1 – geïsoleerd")
    SOCIAL_CONTACTS = 2, _("2 – sociale contacten buitenshuis")
    ORGANISED_ACTIVITIES = 3, _("3 – deelname georganiseerde activiteiten")
    UNPAID_WORK = 4, _("4 – onbetaald werk")
    PAID_WORK_WITH_SUPPORT = 5, _("5 – betaald werk met ondersteuning")
    PAID_WORK = 6, _("6 – betaald werk")


class SubmissionToken(models.Model):
    """A form's one-time token. A form carries a fresh token; the first POST claims it
    in the same transaction as the write, a second POST of the same form (double click,
    back button, flaky network) finds it claimed and is sent to the first result."""

    token = models.UUIDField(primary_key=True)
    claimed_at = models.DateTimeField(auto_now_add=True)
    result_url = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["claimed_at"], name="submission_claimed_at")]
