"""Break-glass on a case's effect measurement (issue 11): it reads, the read is audited
with its purpose, and the page takes no writes at all."""

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.access import Purpose
from opkoers.cases.tests.factories import CaseFactory
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = [pytest.mark.django_db, pytest.mark.security]


def test_break_glass_reads_the_effect_page_audited_as_such(client_for, colleague, team, member):
    case = CaseFactory(team=team, registered_by=member)
    client = client_for(colleague)
    url = f"/trajecten/{case.pk}/effectmeting/"
    assert client.get(url).status_code == 403  # not at the table: the restricted view
    break_glass(user=colleague, case=case, reason="Inwoner belt in paniek, contactpersoon ziek")
    assert client.get(url).status_code == 200
    read = AuditEvent.objects.get(code="case.effect", actor=colleague)
    assert read.case_id == case.pk and read.purpose == Purpose.BREAK_GLASS
    assert client.post(url, {}).status_code == 405
