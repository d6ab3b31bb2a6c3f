"""Break-glass: a real reason stored whole, read-only, short, reviewed, and visible to
the case's contact person."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.access import BreakGlassRefused, To, case_access, lock_case
from opkoers.cases.models import CaseTeamMember
from opkoers.cases.tests.factories import CaseFactory
from opkoers.privacy.models import BreakGlassAccess, Verdict
from opkoers.privacy.services import open_break_glass, review_break_glass

pytestmark = [pytest.mark.security, pytest.mark.django_db]

REASON = "Inwoner dreigt vandaag uit huis gezet te worden"
TOKEN = "4f1f7e5e-1111-4a4a-8a8a-000000000001"


def test_opening_is_audited_and_expires(colleague: Any, case: Any) -> None:
    used = open_break_glass(user=colleague, case=case, reason=REASON)
    event = AuditEvent.objects.get(code="breakglass.open")
    assert event.action == AuditAction.BREAK_GLASS
    assert event.case_id == case.pk and event.actor == colleague
    assert event.object_id == str(used.pk)
    assert timedelta(minutes=29) < used.expires_at - used.started_at <= timedelta(minutes=31)
    assert case_access(colleague, case.pk).personal_data
    BreakGlassAccess.objects.filter(pk=used.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not case_access(colleague, case.pk).personal_data


def test_duration_is_a_setting(colleague: Any, case: Any, settings: Any) -> None:
    settings.OPKOERS = {**settings.OPKOERS, "BREAK_GLASS_MINUTES": 5}
    used = open_break_glass(user=colleague, case=case, reason=REASON)
    assert used.expires_at - timezone.now() <= timedelta(minutes=5)


def test_only_for_the_user_and_the_case(colleague: Any, member: Any, case: Any) -> None:
    open_break_glass(user=colleague, case=case, reason=REASON)
    other = CaseFactory(team=case.team, consent=False)
    assert not case_access(colleague, other.pk).facts.break_glass
    assert not case_access(member, case.pk).facts.break_glass


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "   ",
        "te kort",
        "\u200b" * 40,  # zero-width spaces
        "a\u200bb\u200bc\u200bd\u200be\u200bf\u200bg\u200bh",  # eight letters, padded
        " \t\n" * 20,
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!",  # no words
        "\u00a0\u2003\u2009" * 10,  # non-breaking and other spaces
    ],
)
def test_the_reason_must_be_real_text(colleague: Any, case: Any, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        open_break_glass(user=colleague, case=case, reason=reason)
    assert caught.value.code == "reason_too_short"
    assert not BreakGlassAccess.objects.exists()
    assert not AuditEvent.objects.filter(code="breakglass.open").exists()


def test_the_reason_is_stored_whole(colleague: Any, case: Any) -> None:
    long_reason = "Crisis bij de inwoner, " + "de contactpersoon is niet bereikbaar. " * 30
    used = open_break_glass(user=colleague, case=case, reason=long_reason)
    used.refresh_from_db()
    assert used.reason == long_reason.strip()
    assert len(used.reason) > 1000


def test_a_reason_that_is_too_long_is_refused_not_cut(colleague: Any, case: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        open_break_glass(user=colleague, case=case, reason="lang verhaal " * 200)
    assert caught.value.code == "reason_too_long"


@pytest.mark.parametrize("who", ["outsider", "policy_staff", "functional_admin"])
def test_refused_outside_the_team(request: Any, case: Any, who: str) -> None:
    with pytest.raises(ValidationError):
        open_break_glass(user=request.getfixturevalue(who), case=case, reason=REASON)
    assert not BreakGlassAccess.objects.exists()


def test_form_opens_access_and_says_until_when_in_local_time(
    client_for: Any, colleague: Any, case: Any
) -> None:
    client = client_for(colleague)
    url = reverse("privacy:break_glass", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": REASON, "submission_token": TOKEN}, follow=True)
    used = BreakGlassAccess.objects.get(user=colleague, case=case)
    until = timezone.localtime(used.expires_at).strftime("%H:%M")
    html = response.content.decode()
    assert f"Noodtoegang geopend tot {until}" in html
    assert f"U leest dit traject met noodtoegang, tot {until}" in html
    # A double submit does not open a second access.
    client.post(url, {"reason": REASON, "submission_token": TOKEN})
    assert BreakGlassAccess.objects.filter(user=colleague, case=case).count() == 1


def test_form_with_a_poor_reason_keeps_what_was_typed(
    client_for: Any, colleague: Any, case: Any
) -> None:
    response = client_for(colleague).post(
        reverse("privacy:break_glass", args=[case.pk]), {"reason": "spoed!!!!!!!!!!!!!!!"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Beschrijf in woorden waarom u noodtoegang nodig heeft" in html
    assert "spoed!!!!!!!!!!!!!!!" in html
    assert not BreakGlassAccess.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "policy_staff", "functional_admin"])
def test_form_is_404_outside_the_team(request: Any, client_for: Any, case: Any, who: str) -> None:
    client = client_for(request.getfixturevalue(who))
    url = reverse("privacy:break_glass", args=[case.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": REASON}).status_code == 404


# --- read-only ----------------------------------------------------------------------


@pytest.fixture
def glass(colleague: Any, case: Any) -> Any:
    """The colleague (same team, not at the table) holds break-glass on `case`."""
    return open_break_glass(user=colleague, case=case, reason=REASON)


@pytest.mark.parametrize(
    "to", [t for t in To if t not in {To.KNOW, To.READ, To.DOWNLOAD_SCAN, To.PICK_UP}]
)
def test_break_glass_never_allows_more_than_reading(
    glass: Any, colleague: Any, case: Any, to: To
) -> None:
    access = case_access(colleague, case.pk)
    assert access.may(To.READ)
    assert not access.may(to)


def test_a_write_on_break_glass_is_refused_under_the_lock_too(
    glass: Any, colleague: Any, case: Any
) -> None:
    from django.db import transaction

    with pytest.raises(BreakGlassRefused), transaction.atomic():
        lock_case(case=case, by=colleague, to=To.WRITE)


def _post_urls(case: Any, member_row: Any) -> list[tuple[str, dict[str, str]]]:
    token = {"submission_token": TOKEN}
    return [
        (reverse("residents:edit", args=[case.pk]), {"first_name": "Ander", "last_name": "Naam"}),
        (reverse("residents:need_add", args=[case.pk]), {"kind": "tolk", **token}),
        (reverse("residents:person_add", args=[case.pk]), {"name": "Buur", "relation": "buur"}),
        (reverse("cases:team_add", args=[case.pk]), {"role_on_case": "ik", **token}),
        (reverse("cases:team_contact", args=[case.pk, member_row.pk]), {}),
        (reverse("cases:intake", args=[case.pk]), token),
        (reverse("cases:start_closing", args=[case.pk]), token),
        (reverse("consent:record", args=[case.pk]), {"purpose": "x", **token}),
        (reverse("consent:withdraw", args=[case.pk]), {"withdrawn_by": "ik"}),
        (reverse("consent:legal_basis", args=[case.pk]), token),
    ]


def test_every_case_write_is_refused_and_audited(
    client_for: Any, glass: Any, colleague: Any, case: Any
) -> None:
    client = client_for(colleague)
    member_row = CaseTeamMember.objects.get(case=case)
    before = case.resident.last_name
    for url, data in _post_urls(case, member_row):
        response = client.post(url, data)
        assert response.status_code == 403, url
    case.resident.refresh_from_db()
    assert case.resident.last_name == before
    assert not CaseTeamMember.objects.filter(case=case, user=colleague).exists()
    refused = AuditEvent.objects.filter(code="breakglass.refused", actor=colleague)
    assert refused.count() == len(_post_urls(case, member_row))


def test_the_restricted_page_of_a_write_says_break_glass_is_read_only(
    client_for: Any, glass: Any, colleague: Any, case: Any
) -> None:
    response = client_for(colleague).post(reverse("residents:edit", args=[case.pk]), {})
    assert "alleen lezen" in response.content.decode()


# --- review ---------------------------------------------------------------------------


def test_project_leader_reviews_a_use_of_their_team(glass: Any, project_leader: Any) -> None:
    reviewed = review_break_glass(
        access=glass, by=project_leader, verdict=Verdict.JUSTIFIED, note=""
    )
    assert reviewed.verdict == Verdict.JUSTIFIED and reviewed.reviewed_by == project_leader
    event = AuditEvent.objects.get(code="breakglass.review")
    assert event.detail == {"verdict": "terecht"} and event.case_id == glass.case_id


def test_not_justified_needs_a_note(glass: Any, project_leader: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        review_break_glass(access=glass, by=project_leader, verdict=Verdict.NOT_JUSTIFIED)
    assert caught.value.code == "note_required"


def test_a_use_is_judged_once(glass: Any, project_leader: Any) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    review_break_glass(access=glass, by=project_leader, verdict=Verdict.JUSTIFIED)
    with pytest.raises(ValidationError) as caught:
        review_break_glass(access=glass, by=officer, verdict=Verdict.NOT_JUSTIFIED, note="nee")
    assert caught.value.code == "already_reviewed"


def test_nobody_reviews_their_own_use(case: Any, project_leader: Any) -> None:
    own = open_break_glass(user=project_leader, case=case, reason=REASON)
    with pytest.raises(PermissionDenied):
        review_break_glass(access=own, by=project_leader, verdict=Verdict.JUSTIFIED)


def test_a_project_leader_of_another_team_cannot_review(glass: Any, other_team: Any) -> None:
    stranger = UserFactory(teams=[other_team], role=Role.PROJECT_LEADER)
    with pytest.raises(PermissionDenied):
        review_break_glass(access=glass, by=stranger, verdict=Verdict.JUSTIFIED)


def test_review_queue_for_the_project_leader(
    client_for: Any, glass: Any, project_leader: Any, outsider: Any
) -> None:
    elsewhere = CaseFactory(team=outsider.teams.get())
    open_break_glass(user=outsider, case=elsewhere, reason="Andere reden van het andere team")
    client = client_for(project_leader)
    html = client.get(reverse("privacy:break_glass_list")).content.decode()
    assert REASON in html and "Andere reden" not in html
    response = client.post(
        reverse("privacy:break_glass_review", args=[glass.pk]),
        {f"r{glass.pk}-verdict": "onterecht", f"r{glass.pk}-note": ""},
    )
    assert response.status_code == 422
    assert "Licht toe waarom" in response.content.decode()
    response = client.post(
        reverse("privacy:break_glass_review", args=[glass.pk]),
        {f"r{glass.pk}-verdict": "onterecht", f"r{glass.pk}-note": "Geen spoed"},
    )
    assert response.status_code == 302
    glass.refresh_from_db()
    assert glass.verdict == Verdict.NOT_JUSTIFIED and glass.review_note == "Geen spoed"


def test_privacy_officer_sees_every_team(client_for: Any, glass: Any, outsider: Any) -> None:
    officer = UserFactory(role=Role.PRIVACY_OFFICER)
    elsewhere = CaseFactory(team=outsider.teams.get())
    open_break_glass(user=outsider, case=elsewhere, reason="Andere reden van het andere team")
    html = client_for(officer).get(reverse("privacy:break_glass_list")).content.decode()
    assert REASON in html and "Andere reden" in html


def test_review_of_another_teams_use_is_404(client_for: Any, glass: Any, other_team: Any) -> None:
    stranger = UserFactory(teams=[other_team], role=Role.PROJECT_LEADER)
    response = client_for(stranger).post(
        reverse("privacy:break_glass_review", args=[glass.pk]), {f"r{glass.pk}-verdict": "terecht"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "who", ["member", "colleague", "outsider", "policy_staff", "functional_admin"]
)
def test_queue_is_forbidden_for_others(request: Any, client_for: Any, who: str) -> None:
    response = client_for(request.getfixturevalue(who)).get(reverse("privacy:break_glass_list"))
    assert response.status_code == 403


def test_queue_query_count_does_not_grow(
    client_for: Any, project_leader: Any, case: Any, colleague: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(project_leader)
    url = reverse("privacy:break_glass_list")
    open_break_glass(user=colleague, case=case, reason=REASON)
    client.get(url)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)
    for _ in range(4):
        open_break_glass(user=colleague, case=CaseFactory(team=case.team), reason=REASON)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)


# Four of them are the audit row and its listing rows (insert, insert, savepoint, release).
QUEUE_QUERIES = 9


@pytest.mark.security
def test_the_queue_appears_in_the_residents_overview(
    client_for: Any, project_leader: Any, case: Any, colleague: Any
) -> None:
    from opkoers.audit.models import AuditEvent
    from opkoers.privacy.selectors_audit import resident_events

    open_break_glass(user=colleague, case=case, reason=REASON)
    assert client_for(project_leader).get(reverse("privacy:break_glass_list")).status_code == 200
    event = AuditEvent.objects.get(code="breakglass.list")
    assert event.actor == project_leader
    assert list(event.listings.values_list("case_id", flat=True)) == [case.pk]
    assert event in resident_events(case.resident_id)


# --- the contact person -------------------------------------------------------------


def test_the_contact_person_sees_the_use_on_the_case_page(
    client_for: Any, glass: Any, member: Any, case: Any
) -> None:
    html = client_for(member).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Noodtoegang" in html and REASON in html and "nog niet beoordeeld" in html


def test_others_at_the_table_do_not_see_the_section(
    client_for: Any, glass: Any, project_leader: Any, case: Any
) -> None:
    html = client_for(project_leader).get(reverse("cases:detail", args=[case.pk])).content
    assert REASON.encode() not in html
