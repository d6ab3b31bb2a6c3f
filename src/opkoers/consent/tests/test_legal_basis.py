"""Legal basis as a decision: requested by one, approved by a second person, in force
only while approved and current; it never silently overrides a withdrawal."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.models import Role
from opkoers.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.access import case_access
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.consent import services
from opkoers.consent.legal_bases import REGISTRY, StatutoryBasis
from opkoers.consent.models import ConsentVersion, LegalBasis, LegalBasisStatus
from opkoers.consent.selectors import approval_queue, legal_bases_for_resident
from opkoers.consent.tests.factories import LegalBasisFactory


def may_see_personal_data(user, case):
    return case_access(user, case.pk).personal_data


pytestmark = [pytest.mark.django_db, pytest.mark.security]

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def privacy_officer(db: Any) -> Any:
    return UserFactory(role=Role.PRIVACY_OFFICER, first_name="Fien", last_name="Gegevens")


def request(case: Any, by: Any, organisation: Any, **overrides: Any) -> LegalBasis:
    data: dict[str, Any] = {
        "case": case,
        "by": by,
        "organisation": organisation,
        "basis": StatutoryBasis.WGS_SCHULDHULP,
        "motivation": "Schuldhulp loopt bij de gemeente.",
        "ends_on": TODAY() + 60 * DAY,
    }
    data.update(overrides)
    return services.request_legal_basis(**data)


def withdraw(case: Any, member: Any) -> None:
    services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    error = exc.value
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


# --- the registry ----------------------------------------------------------------------


def test_every_statutory_basis_has_an_article_and_an_explanation() -> None:
    assert 5 <= len(StatutoryBasis.values) <= 9
    for value in StatutoryBasis.values:
        assert "artikel" in str(REGISTRY[value].article)
        assert str(REGISTRY[value].explanation).strip()


# --- access ---------------------------------------------------------------------------


def test_a_request_without_approval_has_no_effect(uncovered, case, member):
    basis = request(case, member, uncovered.organisation)
    assert basis.status == LegalBasisStatus.REQUESTED
    assert not may_see_personal_data(uncovered, case)


def test_an_approved_basis_grants_access_until_it_is_ended(
    client_for, uncovered, case, member, project_leader
):
    basis = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    assert may_see_personal_data(uncovered, case)
    services.end_legal_basis(legal_basis=basis, by=member, reason="Schuldhulp afgerond.")
    assert not may_see_personal_data(uncovered, case)
    response = client_for(uncovered).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 403
    assert case.resident.last_name not in response.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": LegalBasisStatus.REQUESTED},
        {"status": LegalBasisStatus.REJECTED},
        {"status": LegalBasisStatus.ENDED},
        # Expired yesterday, or not begun yet.
        {"starts_on": TODAY() - 30 * DAY, "ends_on": TODAY() - DAY},
        {"starts_on": TODAY() + DAY, "ends_on": TODAY() + 30 * DAY},
    ],
)
def test_only_an_approved_current_basis_counts(uncovered, case, overrides):
    LegalBasisFactory(case=case, organisation=uncovered.organisation, **overrides)
    assert not may_see_personal_data(uncovered, case)
    assert not LegalBasis.objects.in_force(on=TODAY()).exists()


def test_in_force_includes_both_ends_of_the_period(uncovered, case):
    basis = LegalBasisFactory(
        case=case, organisation=uncovered.organisation, starts_on=TODAY(), ends_on=TODAY()
    )
    assert list(LegalBasis.objects.in_force(on=TODAY())) == [basis]
    assert not LegalBasis.objects.in_force(on=TODAY() + DAY).exists()
    assert not LegalBasis.objects.in_force(on=TODAY() - DAY).exists()
    assert may_see_personal_data(uncovered, case)


def test_withdrawal_wins_over_an_unapproved_basis(client_for, member, case):
    request(case, member, member.organisation)
    withdraw(case, member)
    assert not may_see_personal_data(member, case)
    assert client_for(member).get(reverse("cases:detail", args=[case.pk])).status_code == 403


def test_withdrawal_with_an_approved_basis_is_said_plainly(
    client_for, member, case, privacy_officer
):
    basis = request(case, member, member.organisation)
    services.approve_legal_basis(legal_basis=basis, by=privacy_officer)
    withdraw(case, member)
    # Still processed, on the basis: and the consent page and case page say so.
    assert may_see_personal_data(member, case)
    for name in ("consent:case", "cases:detail"):
        html = client_for(member).get(reverse(name, args=[case.pk])).content.decode()
        assert "Toestemming ingetrokken op" in html, name
        assert "verwerkt op grond van" in html, name
        assert str(REGISTRY[basis.basis].article) in html, name


# --- the workflow ---------------------------------------------------------------------


def test_the_requester_cannot_approve_their_own_request(case, project_leader, privacy_officer):
    CaseTeamMemberFactory(case=case, user=project_leader)
    own = request(case, project_leader, project_leader.organisation)
    with pytest.raises(ValidationError) as exc:
        services.approve_legal_basis(legal_basis=own, by=project_leader)
    assert codes(exc) == ["own_request"]
    own.refresh_from_db()
    assert own.status == LegalBasisStatus.REQUESTED
    services.approve_legal_basis(legal_basis=own, by=privacy_officer)
    own.refresh_from_db()
    assert own.status == LegalBasisStatus.APPROVED and own.decided_by == privacy_officer
    assert own.decided_by_role == Role.PRIVACY_OFFICER


def test_only_the_teams_project_leader_or_a_privacy_officer_decides(
    case, member, colleague, outsider, uncovered
):
    other_leader = UserFactory(teams=[TeamFactory()], role=Role.PROJECT_LEADER)
    basis = request(case, member, uncovered.organisation)
    for user in (colleague, outsider, other_leader, uncovered):
        with pytest.raises(ValidationError) as exc:
            services.approve_legal_basis(legal_basis=basis, by=user)
        assert codes(exc) == ["not_approver"]
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.REQUESTED


def test_a_decision_is_taken_once(case, member, project_leader, privacy_officer, uncovered):
    basis = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    with pytest.raises(ValidationError) as exc:
        services.reject_legal_basis(legal_basis=basis, by=privacy_officer, note="Toch niet.")
    assert codes(exc) == ["not_pending"]
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.APPROVED and basis.decided_by == project_leader


def test_reject_needs_a_note_and_has_no_effect(case, member, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    with pytest.raises(ValidationError) as exc:
        services.reject_legal_basis(legal_basis=basis, by=project_leader, note=" ")
    assert codes(exc) == ["note_required"]
    services.reject_legal_basis(legal_basis=basis, by=project_leader, note="Geen wettelijke taak.")
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.REJECTED
    assert not may_see_personal_data(uncovered, case)
    # Rejected: a new request for the same organisation may follow.
    assert request(case, member, uncovered.organisation).status == LegalBasisStatus.REQUESTED


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"basis": "vrije tekst"}, "unknown_basis"),
        ({"motivation": "   "}, "motivation_required"),
        ({"motivation": "x" * 4001}, "motivation_too_long"),
        ({"ends_on": None}, "ends_on_required"),
        ({"ends_on": TODAY() - DAY}, "ends_in_past"),
        ({"ends_on": TODAY() + 366 * DAY}, "ends_too_late"),
    ],
)
def test_a_request_is_validated(case, member, overrides, code):
    with pytest.raises(ValidationError) as exc:
        request(case, member, member.organisation, **overrides)
    assert codes(exc) == [code]
    assert not LegalBasis.objects.exists()


def test_the_end_date_limit_is_a_setting(settings, case, member):
    settings.OPKOERS = {**settings.OPKOERS, "LEGAL_BASIS_MAX_DAYS": 30}
    with pytest.raises(ValidationError) as exc:
        request(case, member, member.organisation, ends_on=TODAY() + 31 * DAY)
    assert codes(exc) == ["ends_too_late"]
    assert request(case, member, member.organisation, ends_on=TODAY() + 30 * DAY)


def test_only_an_organisation_at_the_table(case, member):
    with pytest.raises(ValidationError) as exc:
        request(case, member, OrganisationFactory(name="Ergens Anders"))
    assert codes(exc) == ["organisation_not_at_table"]


def test_one_open_request_or_basis_per_organisation(case, member, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    with pytest.raises(ValidationError) as exc:
        request(case, member, uncovered.organisation)
    assert codes(exc) == ["already_open"]
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    with pytest.raises(ValidationError) as exc:
        request(case, member, uncovered.organisation)
    assert codes(exc) == ["already_open"]


def test_a_closed_case_takes_no_request(case, member):
    case.status = "afgesloten"
    with pytest.raises(ValidationError) as exc:
        request(case, member, member.organisation)
    assert codes(exc) == ["case_closed"]


def test_who_may_end_a_basis(case, member, colleague, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    with pytest.raises(ValidationError) as exc:
        services.end_legal_basis(legal_basis=basis, by=member, reason="Klaar.")
    assert codes(exc) == ["not_active"]
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    for user in (colleague, uncovered):
        with pytest.raises(ValidationError) as exc:
            services.end_legal_basis(legal_basis=basis, by=user, reason="Klaar.")
        assert codes(exc) == ["not_allowed"]
    with pytest.raises(ValidationError) as exc:
        services.end_legal_basis(legal_basis=basis, by=project_leader, reason="")
    assert codes(exc) == ["reason_required"]
    services.end_legal_basis(legal_basis=basis, by=project_leader, reason="Hulp afgerond.")
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.ENDED and basis.ended_by == project_leader


def test_every_step_is_audited_with_old_and_new_values(case, member, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=basis, by=project_leader, note="Akkoord.")
    services.end_legal_basis(legal_basis=basis, by=member, reason="Hulp afgerond.")
    events = list(
        AuditEvent.objects.filter(object_id=str(basis.pk), case_id=case.pk).order_by("id")
    )
    assert [e.code for e in events] == [
        "consent.legal_basis.request",
        "consent.legal_basis.approve",
        "consent.legal_basis.end",
    ]
    assert events[0].detail["old"] is None
    assert events[0].detail["new"]["status"] == LegalBasisStatus.REQUESTED
    assert events[1].detail["old"]["status"] == LegalBasisStatus.REQUESTED
    assert events[1].detail["new"]["status"] == LegalBasisStatus.APPROVED
    assert events[2].detail["new"]["status"] == LegalBasisStatus.ENDED
    assert events[1].actor == project_leader
    # Free texts stay out of the log (they may describe the resident).
    assert all("Hulp afgerond." not in str(e.detail) for e in events)


def test_history_is_kept(case, member, project_leader, uncovered):
    first = request(case, member, uncovered.organisation)
    services.reject_legal_basis(legal_basis=first, by=project_leader, note="Onvoldoende.")
    second = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=second, by=project_leader)
    assert set(LegalBasis.objects.filter(case=case)) == {first, second}


# --- pages ----------------------------------------------------------------------------


def _post_request(client: Any, case: Any, organisation: Any, token: str = "") -> Any:
    return client.post(
        reverse("consent:legal_basis", args=[case.pk]),
        {
            "organisation": str(organisation.pk),
            "basis": StatutoryBasis.WMO_ONDERZOEK,
            "motivation": "Wmo-onderzoek loopt.",
            "ends_on": (TODAY() + 30 * DAY).isoformat(),
            "submission_token": token,
        },
    )


def test_a_double_submitted_request_makes_one_row(client_for, member, case, uncovered):
    token = "2b7c4d5e-1f2a-4b3c-8d9e-0f1a2b3c4d5e"
    client = client_for(member)
    assert _post_request(client, case, uncovered.organisation, token).status_code == 302
    assert _post_request(client, case, uncovered.organisation, token).status_code == 302
    assert LegalBasis.objects.filter(case=case).count() == 1


def test_an_unknown_basis_is_refused_in_dutch(client_for, member, case):
    response = client_for(member).post(
        reverse("consent:legal_basis", args=[case.pk]),
        {
            "organisation": str(member.organisation_id),
            "basis": "eigen wet",
            "motivation": "Mijn motivering",
            "ends_on": (TODAY() + 30 * DAY).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Kies een wettelijke grondslag uit de lijst." in html and "Mijn motivering" in html
    assert not LegalBasis.objects.exists()


def test_approve_through_the_queue(client_for, member, case, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    client = client_for(project_leader)
    page = client.get(reverse("legal_bases:queue")).content.decode()
    assert case.reference in page and uncovered.organisation.name in page
    assert case.resident.last_name not in page
    response = client.post(
        reverse("legal_bases:decide", args=[basis.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 302
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.APPROVED
    assert AuditEvent.objects.filter(code="consent.legal_basis.queue").count() == 1


def test_odd_decisions_are_refused_in_dutch(client_for, member, case, project_leader, uncovered):
    basis = request(case, member, uncovered.organisation)
    client = client_for(project_leader)
    decide = reverse("legal_bases:decide", args=[basis.pk])
    response = client.post(decide, {"decision": "misschien"}, follow=True)
    assert response.status_code == 200
    assert "Kies goedkeuren of afwijzen." in response.content.decode()
    response = client.post(decide, {"decision": "approve", "note": "x" * 5000}, follow=True)
    assert response.status_code == 200 and "4000" in response.content.decode()
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.REQUESTED


def test_the_requester_ends_from_the_consent_page(
    client_for, member, case, project_leader, uncovered
):
    basis = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    client = client_for(member)
    assert (
        reverse("legal_bases:end", args=[basis.pk])
        in client.get(reverse("consent:case", args=[case.pk])).content.decode()
    )
    response = client.post(
        reverse("legal_bases:end", args=[basis.pk]), {"reason": "Klaar.", "back": "case"}
    )
    assert response["Location"] == reverse("consent:case", args=[case.pk])
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.ENDED


def test_outsiders_cannot_see_or_decide(client_for, member, case, colleague, outsider, uncovered):
    other_leader = UserFactory(teams=[TeamFactory()], role=Role.PROJECT_LEADER)
    basis = request(case, member, uncovered.organisation)
    for user in (colleague, outsider, uncovered):
        assert client_for(user).get(reverse("legal_bases:queue")).status_code == 403
    for user in (colleague, outsider, uncovered, other_leader):
        client = client_for(user)
        decide = client.post(
            reverse("legal_bases:decide", args=[basis.pk]), {"decision": "approve"}
        )
        end = client.post(reverse("legal_bases:end", args=[basis.pk]), {"reason": "Weg."})
        assert (decide.status_code, end.status_code) == (404, 404)
    # Another team's project leader opens an empty queue.
    page = client_for(other_leader).get(reverse("legal_bases:queue")).content.decode()
    assert case.reference not in page
    basis.refresh_from_db()
    assert basis.status == LegalBasisStatus.REQUESTED


def _bases(team: Any, n: int, requester: Any) -> None:
    for i in range(n):
        case = CaseFactory(team=team, registered_by=requester, consent=False)
        status = [LegalBasisStatus.REQUESTED, LegalBasisStatus.APPROVED][i % 2]
        LegalBasisFactory(
            case=case,
            requested_by=requester,
            status=status,
            ends_on=TODAY() + (10 if i % 4 == 1 else 90) * DAY,
        )


@pytest.mark.parametrize("n", [2, 12])
def test_queue_query_count_is_fixed(
    client_for, django_assert_num_queries, team, member, project_leader, privacy_officer, n
):
    _bases(team, n, member)
    for user in (project_leader, privacy_officer):
        client = client_for(user)
        client.get(reverse("legal_bases:queue"))  # warm the session
        # Session, user, the queue (one query), the audit row and its listing rows (two
        # inserts) inside a savepoint pair, and the page header's organisation.
        with django_assert_num_queries(8):
            response = client.get(reverse("legal_bases:queue"))
        assert response.status_code == 200
    queue = approval_queue(privacy_officer)
    assert len(queue.pending) == n // 2
    assert len(queue.ending_soon) + len(queue.active) == n // 2
    assert all(b.ends_on <= TODAY() + 30 * DAY for b in queue.ending_soon)


# --- the resident's overview ----------------------------------------------------------


@pytest.mark.security
def test_the_queue_appears_in_the_residents_overview(client_for, case, member, project_leader):
    from opkoers.audit.models import AuditEvent
    from opkoers.privacy.selectors_audit import resident_events

    LegalBasisFactory(case=case, requested_by=member, status=LegalBasisStatus.REQUESTED)
    assert client_for(project_leader).get(reverse("legal_bases:queue")).status_code == 200
    event = AuditEvent.objects.filter(code="consent.legal_basis.queue").latest("id")
    assert list(event.listings.values_list("case_id", flat=True)) == [case.pk]
    assert event in resident_events(case.resident_id)


def test_legal_bases_for_resident(
    django_assert_num_queries, case, member, project_leader, uncovered
):
    basis = request(case, member, uncovered.organisation)
    services.approve_legal_basis(legal_basis=basis, by=project_leader)
    LegalBasisFactory(
        case=case,
        organisation=OrganisationFactory(name="Kredietbank Oud"),
        starts_on=TODAY() - 90 * DAY,
        ends_on=TODAY() - DAY,
    )
    with django_assert_num_queries(1):
        rows = legal_bases_for_resident(case.resident_id)
    by_org = {r.organisation: r for r in rows}
    current = by_org[uncovered.organisation.name]
    assert current.status == "Goedgekeurd" and current.decided_by_role == "Projectleider"
    assert current.article == str(REGISTRY[StatutoryBasis.WGS_SCHULDHULP].article)
    assert current.ends_on == basis.ends_on and current.case_reference == case.reference
    assert by_org["Kredietbank Oud"].status == "Verlopen"


# --- migrations -----------------------------------------------------------------------


def test_clamp_migration_shortens_only_too_long_consent(case):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "opkoers.consent.migrations.0004_consent_max_validity_without_categories"
    )
    version = ConsentVersion.objects.get(resident=case.resident)
    given = TODAY() - 10 * DAY
    ConsentVersion.objects.filter(pk=version.pk).update(
        given_on=given, valid_until=given + 2000 * DAY
    )
    short = CaseFactory(team=case.team, registered_by=case.registered_by)
    short_version = ConsentVersion.objects.get(resident=short.resident)
    before = short_version.valid_until
    migration.clamp_valid_until(apps, None)
    version.refresh_from_db()
    short_version.refresh_from_db()
    assert version.valid_until == given + 730 * DAY
    assert short_version.valid_until == before
