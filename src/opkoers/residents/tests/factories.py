from __future__ import annotations

import datetime

import factory

from opkoers.accounts.tests.factories import TeamFactory
from opkoers.residents.models import (
    CommunicationNeed,
    CommunicationNeedKind,
    NetworkPerson,
    Resident,
)

# Long, uncommon names: tests assert that a name is NOT on a page, and a short generated
# name ("Eva") can occur in the page's own markup ("allowEval").
FIRST_NAMES = (
    "Annelies",
    "Bartholomeus",
    "Cornelia",
    "Dirkjan",
    "Engelbert",
    "Floortje",
    "Geertruida",
    "Hendrikus",
    "Ingeborg",
    "Jacobus",
    "Klaasje",
    "Lodewijk",
    "Marijke",
    "Nicolaas",
    "Otteline",
    "Pieternella",
    "Reinier",
    "Theodoor",
    "Wilhelmina",
)
LAST_NAMES = (
    "Blankevoort",
    "Hoogendoorn",
    "Kwakernaak",
    "Lindenbergh",
    "Oosterwijk",
    "Schuttevaer",
    "Veldhuizen",
    "Wijnbergen",
    "Zeldenrust",
    "Terhofstede",
    "Vermeulenhof",
    "Groenewegen",
    "Ruijsenaars",
    "Stoutjesdijk",
)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    team = factory.SubFactory(TeamFactory)
    first_name = factory.Sequence(lambda n: FIRST_NAMES[n % len(FIRST_NAMES)])
    # 19 and 14 have no common factor: 266 different full names in a row.
    last_name = factory.Sequence(lambda n: LAST_NAMES[n % len(LAST_NAMES)])
    date_of_birth = factory.Faker(
        "date_between_dates",
        date_start=datetime.date(1950, 1, 1),
        date_end=datetime.date(2006, 12, 31),
    )
    street = "Voorbeeldstraat 1"
    postcode = "1234 AB"
    city = "Voorbeeldstad"
    search_name = factory.LazyAttribute(lambda r: f"{r.first_name} {r.last_name}".lower())


class NetworkPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPerson

    resident = factory.SubFactory(ResidentFactory)
    name = factory.Faker("name", locale="nl_NL")
    relation = "zus"


class CommunicationNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationNeed

    resident = factory.SubFactory(ResidentFactory)
    kind = CommunicationNeedKind.INTERPRETER
    detail = "Tigrinya"
