"""Step 2 services: start the intake, save it (partially), complete it; and refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditEvent
from opkoers.cases.access import PersonalDataRestricted
from opkoers.cases.models import (
    AssessmentMoment,
    CaseDomain,
    CaseStatus,
    CaseTeamMember,
    CaseTransition,
    DomainAssessment,
)
from opkoers.cases.services.intake import (
    DomainIntakeInput,
    IntakeInput,
    add_intake_domain,
    complete_intake,
    missing_for_completion,
    save_intake,
    start_intake,
)
from opkoers.cases.tests.factories import CaseFactory
from opkoers.cases.tests.intake_helpers import set_status

S = CaseStatus
FIN, HOUSING, WORK = "financien", "huisvesting", "werk_opleiding"


def row(story="", priority=None, zrm=None):
    return DomainIntakeInput(story=story, priority=priority, zrm_score=zrm)


def complete_data(ladder=2):
    return IntakeInput(
        domains={
            FIN: row("Ik zie door de brieven het bos niet meer.", 1, 2),
            HOUSING: row("Huurachterstand, bang voor ontruiming.", 2, 1),
        },
        ladder_at_intake=ladder,
    )


@pytest.fixture
def intake_case(case):
    return set_status(case, S.INTAKE)


# --- start ----------------------------------------------------------------------------


def test_start_intake_moves_to_intake_and_makes_the_starter_contact(team, colleague):
    case = CaseFactory(team=team)
    start_intake(case=case, by=colleague)
    assert case.status == S.INTAKE
    contact = CaseTeamMember.objects.get(case=case)
    assert contact.user == colleague and contact.is_contact_person
    assert CaseTransition.objects.filter(case=case, to_status=S.INTAKE, by=colleague).exists()
    assert AuditEvent.objects.filter(case_id=case.pk, code="case.team.contact").exists()


def test_start_intake_keeps_an_existing_contact_person(case, member, project_leader):
    start_intake(case=case, by=project_leader)
    assert CaseTeamMember.objects.get(case=case, is_contact_person=True).user == member
    assert not CaseTeamMember.objects.filter(case=case, user=project_leader).exists()


@pytest.mark.security
def test_start_intake_is_refused_to_a_colleague_not_at_the_table(case, colleague):
    # The case has a contact person, so it is no unclaimed registration to pick up.
    with pytest.raises(PersonalDataRestricted):
        start_intake(case=case, by=colleague)


def test_start_intake_promotes_a_member_when_there_is_no_contact(case, member):
    CaseTeamMember.objects.filter(case=case).update(is_contact_person=False)
    start_intake(case=case, by=member)
    assert CaseTeamMember.objects.get(case=case).is_contact_person


@pytest.mark.parametrize("status", [s for s in S if s != S.REGISTERED])
def test_start_intake_is_refused_outside_registered(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError):
        start_intake(case=case, by=member)
    case.refresh_from_db()
    assert case.status == status
    assert not CaseTransition.objects.filter(case=case).exists()


def test_start_intake_is_refused_for_someone_outside_the_team(case, outsider):
    with pytest.raises(PermissionDenied):
        start_intake(case=case, by=outsider)
    case.refresh_from_db()
    assert case.status == S.REGISTERED


# --- save -----------------------------------------------------------------------------


def test_partial_save_records_rows_and_audits_without_the_story(intake_case, member):
    save_intake(
        case=intake_case,
        by=member,
        data=IntakeInput(
            domains={FIN: row("Schulden bij vier partijen", 1)}, ladder_at_intake=None
        ),
    )
    a = DomainAssessment.objects.get(case=intake_case)
    assert (a.moment, a.domain, a.story, a.priority, a.zrm_score) == (
        AssessmentMoment.INTAKE,
        FIN,
        "Schulden bij vier partijen",
        1,
        None,
    )
    event = AuditEvent.objects.get(code="case.intake.save")
    assert event.detail["domains_changed"] == [FIN]
    assert "Schulden" not in str(event.detail)


def test_save_updates_clears_and_sets_the_ladder(intake_case, member):
    save_intake(case=intake_case, by=member, data=complete_data())
    save_intake(
        case=intake_case,
        by=member,
        data=IntakeInput(
            domains={FIN: row("Nieuwe woorden", 1, 3), HOUSING: row()}, ladder_at_intake=4
        ),
    )
    rows = {a.domain: a for a in DomainAssessment.objects.filter(case=intake_case)}
    assert set(rows) == {FIN}
    assert (rows[FIN].story, rows[FIN].zrm_score) == ("Nieuwe woorden", 3)
    intake_case.refresh_from_db()
    assert intake_case.ladder_at_intake == 4


def test_a_domain_with_content_joins_the_case_domains(intake_case, member):
    save_intake(
        case=intake_case,
        by=member,
        data=IntakeInput(domains={WORK: row("Wil graag werken", None, 2)}, ladder_at_intake=None),
    )
    assert CaseDomain.objects.filter(case=intake_case, domain=WORK).exists()


def test_priorities_must_be_unique(intake_case, member):
    data = IntakeInput(domains={FIN: row("a", 1), HOUSING: row("b", 1)}, ladder_at_intake=None)
    with pytest.raises(ValidationError, match="Prioriteit 1 is meer dan één keer"):
        save_intake(case=intake_case, by=member, data=data)
    assert not DomainAssessment.objects.exists()


def test_priority_clash_with_a_row_saved_earlier_is_refused(intake_case, member):
    save_intake(
        case=intake_case,
        by=member,
        data=IntakeInput(domains={FIN: row("a", 1)}, ladder_at_intake=None),
    )
    with pytest.raises(ValidationError):
        save_intake(
            case=intake_case,
            by=member,
            data=IntakeInput(domains={HOUSING: row("b", 1)}, ladder_at_intake=None),
        )


@pytest.mark.parametrize(
    "data",
    [
        IntakeInput(domains={FIN: row("a", 1, 6)}, ladder_at_intake=None),
        IntakeInput(domains={FIN: row("a", 0)}, ladder_at_intake=None),
        IntakeInput(domains={FIN: row("a", 14)}, ladder_at_intake=None),
        IntakeInput(domains={"onbekend": row("a")}, ladder_at_intake=None),
        IntakeInput(domains={}, ladder_at_intake=7),
    ],
)
def test_out_of_range_input_is_refused(intake_case, member, data):
    with pytest.raises(ValidationError):
        save_intake(case=intake_case, by=member, data=data)


@pytest.mark.parametrize("status", [S.REGISTERED, S.FIRST_CONVERSATION, S.PLAN, S.CLOSED])
def test_save_is_refused_outside_intake(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError):
        save_intake(case=case, by=member, data=complete_data())
    assert not DomainAssessment.objects.exists()


def test_closed_case_message_says_reopen(case, member):
    set_status(case, S.CLOSED)
    with pytest.raises(ValidationError, match="afgesloten"):
        save_intake(case=case, by=member, data=complete_data())


def test_add_intake_domain(intake_case, member):
    add_intake_domain(case=intake_case, domain=WORK, by=member)
    add_intake_domain(case=intake_case, domain=WORK, by=member)
    assert CaseDomain.objects.filter(case=intake_case, domain=WORK).count() == 1
    assert AuditEvent.objects.filter(code="case.domain.add").count() == 1
    with pytest.raises(ValidationError):
        add_intake_domain(case=intake_case, domain="onzin", by=member)


def test_add_intake_domain_is_refused_outside_intake(case, member):
    with pytest.raises(ValidationError, match="Start eerst de intake"):
        add_intake_domain(case=case, domain=WORK, by=member)


# --- complete -------------------------------------------------------------------------


def test_complete_intake_moves_to_first_conversation(intake_case, member):
    save_intake(case=intake_case, by=member, data=complete_data())
    complete_intake(case=intake_case, by=member)
    assert intake_case.status == S.FIRST_CONVERSATION
    assert intake_case.intake_completed_at is not None
    assert CaseTransition.objects.filter(
        case=intake_case, from_status=S.INTAKE, to_status=S.FIRST_CONVERSATION
    ).exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (IntakeInput(domains={}, ladder_at_intake=2), "verhaal van de inwoner"),
        (IntakeInput(domains={FIN: row("Verhaal", 1)}, ladder_at_intake=2), "ZRM-score"),
        (IntakeInput(domains={FIN: row("", 1, 2)}, ladder_at_intake=2), "verhaal van de inwoner"),
        (IntakeInput(domains={FIN: row("Verhaal", None, 2)}, ladder_at_intake=2), "belangrijkst"),
        (
            IntakeInput(
                domains={FIN: row("Verhaal", 1, 2), HOUSING: row("Ook iets", None, 3)},
                ladder_at_intake=2,
            ),
            "Geef ook een prioriteit bij: Huisvesting",
        ),
        (complete_data(ladder=None), "Participatieladder"),
    ],
)
def test_complete_intake_is_refused_while_something_is_missing(intake_case, member, data, expected):
    save_intake(case=intake_case, by=member, data=data)
    with pytest.raises(ValidationError) as exc:
        complete_intake(case=intake_case, by=member)
    assert expected in " ".join(exc.value.messages)
    intake_case.refresh_from_db()
    assert intake_case.status == S.INTAKE and intake_case.intake_completed_at is None


def test_missing_lists_everything_at_once(intake_case):
    assert len(missing_for_completion(intake_case)) == 3


@pytest.mark.parametrize("status", [s for s in S if s != S.INTAKE])
def test_complete_intake_is_refused_outside_intake(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError):
        complete_intake(case=case, by=member)
    case.refresh_from_db()
    assert case.status == status


def test_walk_from_registered_to_first_conversation(team):
    professional = UserFactory(teams=[team])
    case = CaseFactory(team=team)
    start_intake(case=case, by=professional)
    save_intake(case=case, by=professional, data=complete_data())
    complete_intake(case=case, by=professional)
    assert list(
        CaseTransition.objects.filter(case=case).values_list("from_status", "to_status")
    ) == [(S.REGISTERED, S.INTAKE), (S.INTAKE, S.FIRST_CONVERSATION)]
