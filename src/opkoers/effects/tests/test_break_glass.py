"""Break-glass shows the calculator and changes nothing (issue 11): adding, changing and
removing lines and the proposal from the conversations are refused in the view (403,
audited as breakglass.refused) and in the service, also once the case is closed (where
the case team may still write)."""

from decimal import Decimal

import pytest

from opkoers.audit.models import AuditEvent
from opkoers.cases.access import BreakGlassRefused
from opkoers.effects.models import Timeline, TimelineEntry
from opkoers.effects.services import add_entry, propose_team_time, remove_entry, update_entry
from opkoers.effects.tests.conftest import close
from opkoers.effects.tests.factories import TimelineEntryFactory
from opkoers.effects.tests.test_case_views import _entry_data, url
from opkoers.privacy.services import open_break_glass as break_glass

pytestmark = pytest.mark.security

REASON = "Inwoner belt in paniek, contactpersoon is ziek"


@pytest.fixture(params=["open", "closed"])
def state(request, case):
    if request.param == "closed":
        close(case)
    return request.param


@pytest.fixture(params=["colleague", "uncovered"])
def emergency_user(request, case, state):
    """A colleague of the team who is not at the table, and a case-team member whose
    organisation the consent does not cover: both see the case only on break-glass."""
    user = request.getfixturevalue(request.param)
    break_glass(user=user, case=case, reason=REASON)
    return user


@pytest.fixture
def entry(case, hour):
    return TimelineEntryFactory(case=case, price_item=hour, quantity=Decimal("1.00"))


def _snapshot():
    return list(TimelineEntry.objects.order_by("pk").values())


def test_break_glass_reads_the_calculator(client_for, emergency_user, case, entry):
    response = client_for(emergency_user).get(url(case))
    assert response.status_code == 200
    assert 'id="post-toevoegen"' not in response.content.decode()


def test_break_glass_cannot_post_on_the_calculator(client_for, emergency_user, case, hour, entry):
    edit = {"quantity": "9", "occurred_on": "", "payer": "", "description": ""}
    posts = [
        (url(case, "posten/nieuw/"), _entry_data(hour)),
        (url(case, f"posten/{entry.pk}/wijzigen/"), edit),
        (url(case, f"posten/{entry.pk}/verwijderen/"), {}),
        (url(case, "voorstel/"), {}),
    ]
    client = client_for(emergency_user)
    before = _snapshot()
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=emergency_user)
    for number, (target, data) in enumerate(posts, start=1):
        assert client.post(target, data).status_code == 403, target
        assert refused.count() == number, target
    assert _snapshot() == before


def test_the_effects_services_refuse_break_glass(emergency_user, case, hour, entry):
    before = _snapshot()
    attempts = [
        lambda: add_entry(
            case=case,
            by=emergency_user,
            timeline=Timeline.INTERVENTION,
            price_item=hour,
            quantity=Decimal("2"),
        ),
        lambda: update_entry(entry=entry, by=emergency_user, quantity=Decimal("5")),
        lambda: remove_entry(entry=entry, by=emergency_user),
        lambda: propose_team_time(case=case, by=emergency_user),
    ]
    for attempt in attempts:
        with pytest.raises(BreakGlassRefused):
            attempt()
    assert _snapshot() == before
