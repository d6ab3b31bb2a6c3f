"""The planned conversation's edit form: a save over a newer version is a conflict
(0026). Not the conversation record: that form has its own rules."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from opkoers.meetings.models import Conversation
from opkoers.meetings.tests.conftest import planned
from opkoers.meetings.tests.helpers import base_url, plan_data


def test_second_save_of_a_planned_conversation_gets_the_conflict_page(
    client_for, member, running_case
):
    conversation = planned(
        running_case, member, scheduled_at=timezone.now() + dt.timedelta(days=2), location="Oud"
    )
    edit = f"{base_url(running_case)}{conversation.pk}/wijzigen/"
    first, second = client_for(member), client_for(member)
    assert 'name="version" value="1"' in first.get(edit).content.decode()
    saved = first.post(edit, plan_data(member, location="Wijkcentrum", version="1"))
    assert saved.status_code == 302
    conflict = second.post(edit, plan_data(member, location="Bibliotheek", version="1"))
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Wijkcentrum" in html and 'value="Bibliotheek"' in html
    conversation = Conversation.objects.get(pk=conversation.pk)
    assert (conversation.location, conversation.version) == ("Wijkcentrum", 2)
