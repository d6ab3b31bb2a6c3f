"""Need-to-know: consent or a legal basis decides who sees personal data."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from opkoers.accounts.tests.factories import OrganisationFactory, UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.access import PersonalDataRestricted, To, access_case, case_access
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.consent import services
from opkoers.consent.models import ConsentVersion
from opkoers.consent.tests.factories import LegalBasisFactory, give_team_consent

pytestmark = [pytest.mark.django_db, pytest.mark.security]


def may_see_personal_data(user, case):
    return case_access(user, case.pk).personal_data


def personal_bits(case):
    return [case.resident.first_name, case.resident.last_name, case.resident.street]


def case_urls(case):
    return [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:intake", args=[case.pk]),
        reverse("cases:team", args=[case.pk]),
        reverse("cases:closing", args=[case.pk]),
        reverse("residents:edit", args=[case.pk]),
        reverse("residents:network", args=[case.pk]),
        reverse("meetings:list", args=[case.pk]),
        reverse("plans:detail", args=[case.pk]),
        reverse("plans:pdf", args=[case.pk]),
    ]


def test_covered_member_sees_the_case(client_for, member, case):
    response = client_for(member).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert case.resident.last_name in response.content.decode()


def test_uncovered_member_gets_the_restricted_view_everywhere(client_for, uncovered, case):
    client = client_for(uncovered)
    dob = case.resident.date_of_birth
    for url in case_urls(case):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert case.reference in html
        for bit in personal_bits(case):
            assert bit not in html, (url, bit)
        assert dob.strftime("%Y-%m-%d") not in html and str(dob.year) not in html
        assert "beperkte weergave" in html
        assert "Vraag de contactpersoon" in html


def test_uncovered_member_cannot_post_to_case_views(client_for, uncovered, case):
    response = client_for(uncovered).post(
        reverse("residents:edit", args=[case.pk]), {"first_name": "Gehackt"}
    )
    assert response.status_code == 403
    case.resident.refresh_from_db()
    assert case.resident.first_name != "Gehackt"


def test_outsider_still_gets_404(client_for, outsider, case):
    client = client_for(outsider)
    for url in [*case_urls(case), reverse("consent:case", args=[case.pk])]:
        assert client.get(url).status_code == 404, url


def test_withdrawal_takes_effect_immediately(client_for, member, case):
    client = client_for(member)
    url = reverse("cases:detail", args=[case.pk])
    assert client.get(url).status_code == 200
    services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")
    response = client.get(url)
    assert response.status_code == 403
    assert case.resident.last_name not in response.content.decode()


def test_expiry_takes_effect_immediately(client_for, member, case):
    client = client_for(member)
    url = reverse("cases:detail", args=[case.pk])
    assert client.get(url).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ConsentVersion.objects.filter(resident=case.resident).update(
        given_on=yesterday - datetime.timedelta(days=30), valid_until=yesterday
    )
    assert client.get(url).status_code == 403


def test_consent_that_ends_today_is_still_valid(member, case):
    ConsentVersion.objects.filter(resident=case.resident).update(valid_until=timezone.localdate())
    assert may_see_personal_data(member, case)


def test_legal_basis_grants_access(client_for, uncovered, case):
    url = reverse("cases:detail", args=[case.pk])
    assert client_for(uncovered).get(url).status_code == 403
    LegalBasisFactory(case=case, organisation=uncovered.organisation)
    response = client_for(uncovered).get(url)
    assert response.status_code == 200
    assert case.resident.last_name in response.content.decode()


def test_legal_basis_is_per_case(uncovered, case, team):
    other = CaseFactory(team=team, resident=case.resident, consent=False)
    CaseTeamMemberFactory(case=other, user=uncovered)
    LegalBasisFactory(case=other, organisation=uncovered.organisation)
    assert not may_see_personal_data(uncovered, case)
    assert may_see_personal_data(uncovered, other)


def test_same_team_colleague_not_at_the_table_gets_the_restricted_view(client_for, colleague, case):
    """Need-to-know: the colleague's organisation is covered, but they do not sit at this
    table. They may pick up nothing here (the case has a contact person)."""
    assert not may_see_personal_data(colleague, case)
    response = client_for(colleague).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "niet in het casusteam" in html and case.resident.last_name not in html
    assert "Intake starten" not in html


def test_backup_and_project_leader_are_at_the_table(colleague, project_leader, case):
    from opkoers.cases.models import CaseTeamMember

    assert may_see_personal_data(project_leader, case)
    CaseTeamMember.objects.filter(case=case).update(backup=colleague)
    assert may_see_personal_data(colleague, case)


def test_unassigned_registration_can_be_picked_up_from_the_restricted_view(
    client_for, colleague, member, team
):
    case = CaseFactory(team=team, registered_by=member)
    client = client_for(colleague)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 403 and "Intake starten" in response.content.decode()
    client.post(
        reverse("cases:start_intake", args=[case.pk]), {"submission_token": str(uuid.uuid4())}
    )
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_new_version_without_an_organisation_stops_its_access(member, uncovered, case):
    give_team_consent(case, organisations=[uncovered.organisation])
    assert may_see_personal_data(uncovered, case)
    assert not may_see_personal_data(member, case)


def test_referral_phase_only_registrar_and_contact_person(team, member, colleague):
    case = CaseFactory(team=team, registered_by=colleague, consent=False)
    CaseTeamMemberFactory(case=case, user=member, is_contact_person=True)
    # At the table and in the team (the case team service admits nobody else).
    third = CaseTeamMemberFactory(
        case=case, user=UserFactory(teams=[team], organisation=OrganisationFactory())
    ).user
    assert may_see_personal_data(member, case)
    assert may_see_personal_data(colleague, case)
    assert not may_see_personal_data(third, case)
    # Once a consent exists, even a withdrawn one, only coverage counts.
    give_team_consent(case, organisations=[third.organisation])
    assert not may_see_personal_data(member, case)
    assert may_see_personal_data(third, case)


def test_reading_raises_restricted_for_uncovered(uncovered, case):
    with pytest.raises(PersonalDataRestricted):
        case_access(uncovered, case.pk).require(To.READ)
    case_access(uncovered, case.pk).require(To.KNOW)


def test_access_is_decided_once_per_request(rf, member, case, django_assert_num_queries):
    request = rf.get("/")
    request.user = member
    with django_assert_num_queries(1):
        assert access_case(request, case.pk).personal_data
        assert access_case(request, case.pk, to=To.WRITE).may(To.WRITE)
    # A new request asks again.
    services.withdraw_consent(case=case, by=member, withdrawn_by="de inwoner")
    fresh = rf.get("/")
    fresh.user = member
    with pytest.raises(PersonalDataRestricted):
        access_case(fresh, case.pk)


def test_restricted_view_audits_the_attempt_not_a_read(client_for, uncovered, case):
    client_for(uncovered).get(reverse("cases:detail", args=[case.pk]))
    assert not AuditEvent.objects.filter(code="case.view", actor=uncovered).exists()
    row = AuditEvent.objects.get(code="case.restricted", actor=uncovered)
    assert row.case_id == case.pk
