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


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    team = factory.SubFactory(TeamFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
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
