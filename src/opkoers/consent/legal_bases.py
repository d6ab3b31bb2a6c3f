"""The statutory bases a legal basis on a case may rest on: only these can be requested.

Each is a processing basis in the sense of AVG article 6(1)(c)/(e) (a legal duty or a
public task of the college) that a municipality's own law gives for the work done at the
Op Koers table. Laws that do not give the organisations at the table a processing basis
for this work are left out on purpose (see docs/decisions/0019-legal-basis-workflow.md):
the Wet verplichte ggz (its own procedure with its own safeguards, not a voluntary
table), the Wet publieke gezondheid (GGD tasks, not case work) and the Woningwet (a
housing corporation's rent-arrears signal runs through the Wgs). The articles must be
checked by the municipality's privacy officer against wetten.overheid.nl before use."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class StatutoryBasis(models.TextChoices):
    WMO_ONDERZOEK = "wmo_onderzoek", _("Wmo 2015: onderzoek en maatschappelijke ondersteuning")
    JEUGDWET = "jeugdwet", _("Jeugdwet: toeleiding naar en bepalen van jeugdhulp")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet: bijstand en arbeidsinschakeling")
    WGS_SCHULDHULP = "wgs_schuldhulp", _("Wet gemeentelijke schuldhulpverlening: schuldhulp")
    WGS_VROEGSIGNALERING = (
        "wgs_vroegsignalering",
        _("Wet gemeentelijke schuldhulpverlening: vroegsignalering"),
    )


@dataclass(frozen=True)
class BasisInfo:
    article: Promise
    explanation: Promise


REGISTRY: dict[str, BasisInfo] = {
    StatutoryBasis.WMO_ONDERZOEK: BasisInfo(
        article=_("Wmo 2015, artikel 5.1.1, eerste lid, met artikel 2.3.2"),
        explanation=_(
            "Het college mag persoonsgegevens, ook over gezondheid, verwerken voor zover dat "
            "nodig is voor het onderzoek naar de hulpvraag en het besluit over "
            "maatschappelijke ondersteuning."
        ),
    ),
    StatutoryBasis.JEUGDWET: BasisInfo(
        article=_("Jeugdwet, artikel 7.4.0, eerste lid"),
        explanation=_(
            "Het college mag persoonsgegevens, ook over gezondheid, verwerken voor zover dat "
            "nodig is om een jeugdige of ouder naar jeugdhulp te leiden en te bepalen welke "
            "voorziening nodig is."
        ),
    ),
    StatutoryBasis.PARTICIPATIEWET: BasisInfo(
        article=_("Participatiewet, artikel 7, eerste lid, met paragraaf 6.6 (artikelen 62–64)"),
        explanation=_(
            "Het college (of de uitvoerder, zoals de regionale sociale dienst) verwerkt de "
            "gegevens die nodig zijn om bijstand te verlenen en te ondersteunen bij werk; "
            "andere instanties moeten daarvoor op verzoek gegevens geven."
        ),
    ),
    StatutoryBasis.WGS_SCHULDHULP: BasisInfo(
        article=_("Wet gemeentelijke schuldhulpverlening, artikel 5, eerste lid"),
        explanation=_(
            "Het college mag persoonsgegevens verwerken voor zover dat nodig is om te "
            "beoordelen welke schuldhulp nodig is en die hulp te geven."
        ),
    ),
    StatutoryBasis.WGS_VROEGSIGNALERING: BasisInfo(
        article=_(
            "Wet gemeentelijke schuldhulpverlening, artikel 5, tweede en derde lid, met "
            "het Besluit gemeentelijke schuldhulpverlening, paragraaf 2"
        ),
        explanation=_(
            "Verhuurders, energie- en drinkwaterbedrijven en zorgverzekeraars geven een "
            "betalingsachterstand door; het college mag die gebruiken om de inwoner hulp "
            "aan te bieden."
        ),
    ),
}


def article(basis: str) -> str:
    info = REGISTRY.get(basis)
    return str(info.article) if info else ""


def explanation(basis: str) -> str:
    info = REGISTRY.get(basis)
    return str(info.explanation) if info else ""


def label(basis: str) -> str:
    return str(dict(StatutoryBasis.choices).get(basis, "")) if basis else ""
