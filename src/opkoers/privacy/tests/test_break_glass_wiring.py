"""Break the glass lifts the consent restriction, for its user and case only, until it
expires."""

import datetime as dt

import pytest
from django.utils import timezone

from opkoers.cases.access import case_access
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.consent.tests.factories import ConsentFactory
from opkoers.privacy.models import BreakGlassAccess
from opkoers.privacy.services import open_break_glass as _open


def break_glass(*, user, case, reason):
    return _open(user=user, case=case, reason=reason)


def may_see_personal_data(user, case):
    return case_access(user, case.pk).personal_data


pytestmark = pytest.mark.security

REASON = "Inwoner in acute crisis, contactpersoon onbereikbaar"


def test_break_glass_opens_the_restricted_case_until_it_expires(client_for, team, colleague):
    case = CaseFactory(team=team, consent=False)
    CaseTeamMemberFactory(case=case, is_contact_person=True)
    # A consent exists, but it does not name the colleague's organisation.
    ConsentFactory(resident=case.resident, organisations=[])
    client = client_for(colleague)
    restricted = client.get(f"/trajecten/{case.pk}/")
    assert restricted.status_code == 403
    assert case.resident.last_name not in restricted.content.decode()
    assert "Noodtoegang aanvragen" in restricted.content.decode()

    access = break_glass(user=colleague, case=case, reason=REASON)
    assert may_see_personal_data(colleague, case)
    opened = client.get(f"/trajecten/{case.pk}/")
    assert opened.status_code == 200
    assert case.resident.last_name in opened.content.decode()

    BreakGlassAccess.objects.filter(pk=access.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not may_see_personal_data(colleague, case)
    assert client.get(f"/trajecten/{case.pk}/").status_code == 403
