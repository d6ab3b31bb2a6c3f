from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from opkoers.accounts.tests.factories import UserFactory
from opkoers.cases.tests.factories import CaseFactory
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationMode,
    ConversationParticipant,
    ConversationStatus,
    FollowUpCall,
    ParticipantKind,
)


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    case = factory.SubFactory(CaseFactory)
    kind = ConversationKind.FOLLOW_UP
    mode = ConversationMode.PHYSICAL
    status = ConversationStatus.PLANNED
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    location = "Gemeentehuis, kamer 2"
    planned_by = factory.SubFactory(UserFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationParticipant

    conversation = factory.SubFactory(ConversationFactory)
    kind = ParticipantKind.OTHER
    name = "Tolk Tigrinya"


class FollowUpCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpCall

    case = factory.SubFactory(CaseFactory)
    assigned_to = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
