"""The retention job: who gets anonymised, what survives for reports, and the record."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opkoers.accounts.models import Team, User
from opkoers.audit.models import AuditEvent
from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseDomain,
    CaseResult,
    CaseStatus,
    CaseTransition,
    Closure,
    DomainAssessment,
    ResultKind,
    Urgency,
)
from opkoers.cases.services.closing import reopen_case
from opkoers.cases.services.transitions import can_transition
from opkoers.cases.tests.factories import CaseFactory, CaseTeamMemberFactory
from opkoers.core.models import LifeDomain
from opkoers.meetings.models import (
    ConversationParticipant,
    ConversationStatus,
    ConversationSummary,
    FollowUpAttempt,
    ParticipantKind,
)
from opkoers.meetings.tests.factories import (
    ConversationFactory,
    FollowUpCallFactory,
    ParticipantFactory,
)
from opkoers.plans.models import ActionStatus, GoalOutcome, OwnerKind
from opkoers.plans.tests.factories import ActionFactory, GoalFactory
from opkoers.residents.models import Resident
from opkoers.residents.tests.factories import (
    CommunicationNeedFactory,
    NetworkPersonFactory,
)
from opkoers.retention.models import RetentionRun
from opkoers.retention.services import ANONYMISED, anonymise_closed_cases, months_before

NOW = timezone.now()


def closed_case(team: Team, by: User, *, months_ago: int, **kwargs: Any) -> Case:
    """A closed case with something in every table the job touches."""
    closed_at = months_before(NOW, months_ago)
    case = CaseFactory(
        team=team,
        registered_by=by,
        status=CaseStatus.CLOSED,
        registered_at=closed_at - dt.timedelta(days=200),
        intake_completed_at=closed_at - dt.timedelta(days=190),
        first_conversation_at=closed_at - dt.timedelta(days=180),
        plan_agreed_at=closed_at - dt.timedelta(days=170),
        closed_at=closed_at,
        referrer_name="Huisarts Jansen",
        referrer_organisation="Huisartsenpraktijk Centrum",
        referrer_contact="030-1234567",
        urgency=Urgency.HIGH,
        ladder_at_intake=2,
        ladder_at_closing=4,
        domains=[LifeDomain.FINANCES, LifeDomain.HOUSING],
        **kwargs,
    )
    CaseTeamMemberFactory(case=case, user=by, is_contact_person=True)
    NetworkPersonFactory(resident=case.resident, name="Anja Fictief", phone="06-11111111")
    CommunicationNeedFactory(resident=case.resident)
    case.resident.phone = "06-22222222"
    case.resident.email = "inwoner@example.org"
    case.resident.save()
    CaseTransition.objects.create(
        case=case,
        from_status=CaseStatus.IN_PROGRESS,
        to_status=CaseStatus.CLOSED,
        by=by,
        reason="Inwoner is verhuisd naar de Dorpsstraat",
    )
    DomainAssessment.objects.create(
        case=case,
        moment=AssessmentMoment.INTAKE,
        domain=LifeDomain.FINANCES,
        story="Ik heb schulden bij mijn broer",
        priority=1,
        zrm_score=2,
    )
    DomainAssessment.objects.create(
        case=case,
        moment=AssessmentMoment.CLOSING,
        domain=LifeDomain.FINANCES,
        story="Het gaat beter",
        priority=1,
        zrm_score=4,
    )
    kind = ResultKind.objects.order_by("order").first() or ResultKind.objects.create(name="X")
    CaseResult.objects.create(case=case, kind=kind, note="Uitkering per 1 mei")
    Closure.objects.create(
        case=case,
        evaluation_resident="Fijn geholpen",
        evaluation_team="Goed traject",
        handover_to="Werkcoach Bram",
        handover_agreements="Bram belt in juni",
    )
    conversation = ConversationFactory(
        case=case,
        planned_by=by,
        status=ConversationStatus.HELD,
        held_at=closed_at,
        notes="Verslag met details",
        decisions="Afspraak over de huur",
    )
    ParticipantFactory(conversation=conversation, kind=ParticipantKind.OTHER, name="Tolk Yonas")
    ConversationSummary.objects.create(
        conversation=conversation,
        discussed="We spraken over de huur",
        agreed="U betaalt de huur op tijd",
        tasks="Mila belt de verhuurder",
        next_appointment="Dinsdag om 10 uur",
        resident_reaction="Goed zo",
        written_by=by,
        written_at=closed_at,
    )
    call = FollowUpCallFactory(case=case, assigned_to=by, outcome="Inwoner was blij")
    FollowUpAttempt.objects.create(call=call, at=closed_at, by=by, reached=True, note="Gesproken")
    goal = GoalFactory(
        case=case,
        domain=LifeDomain.HOUSING,
        outcome=GoalOutcome.REACHED,
        outcome_note="Woning gevonden in Houten",
    )
    ActionFactory(case=case, goal=goal, status=ActionStatus.DONE, completed_at=closed_at)
    ActionFactory(case=case, owner_kind=OwnerKind.RESIDENT, status=ActionStatus.CANCELLED)
    return case


@pytest.fixture
def old(team: Team, member: User) -> Case:
    return closed_case(team, member, months_ago=25)


def test_dry_run_changes_nothing_but_counts(team: Team, member: User, old: Case) -> None:
    recent = closed_case(team, member, months_ago=23)

    run = anonymise_closed_cases(dry_run=True)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is None
    assert old.resident.first_name != ANONYMISED
    assert Resident.objects.get(pk=old.resident_id).last_name == old.resident.last_name
    assert not AuditEvent.objects.filter(code="retention.anonymise").exists()
    assert run.dry_run and run.finished_at is not None
    assert run.cases_total == 1
    assert run.residents_total == 1
    assert run.counts[str(team.pk)]["cases"] == 1


def test_dry_run_counts_a_resident_only_when_no_other_case_still_needs_them(
    team: Team, member: User, old: Case
) -> None:
    """Two old cases of one resident count once; a resident who is back with a running
    case keeps their data, so the dry run does not count them."""
    closed_at = months_before(NOW, 30)
    CaseFactory(
        team=team,
        resident=old.resident,
        status=CaseStatus.CLOSED,
        registered_at=closed_at - dt.timedelta(days=90),
        closed_at=closed_at,
    )
    returning = closed_case(team, member, months_ago=26)
    CaseFactory(team=team, resident=returning.resident, status=CaseStatus.IN_PROGRESS)

    run = anonymise_closed_cases(dry_run=True)

    assert run.cases_total == 3
    assert run.residents_total == 1


def test_real_run_anonymises_only_cases_past_the_period(
    team: Team, other_team: Team, member: User, old: Case
) -> None:
    recent = closed_case(team, member, months_ago=23)
    open_case = CaseFactory(team=team, registered_by=member, status=CaseStatus.IN_PROGRESS)
    # The other team keeps cases for 36 months: 25 months is not long enough there.
    other_team.retention_months_after_closing = 36
    other_team.save()
    other_kept = closed_case(other_team, member, months_ago=25)
    other_due = closed_case(other_team, member, months_ago=37)

    run = anonymise_closed_cases()

    anonymised = set(Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    assert anonymised == {old.pk, other_due.pk}
    for untouched in (recent, open_case, other_kept):
        untouched.refresh_from_db()
        assert untouched.reason_stuck != ANONYMISED
        assert untouched.resident.first_name != ANONYMISED
    assert run.cases_total == 2
    assert run.counts[str(team.pk)]["cases"] == 1
    assert run.counts[str(other_team.pk)]["cases"] == 1


def test_personal_data_is_removed(old: Case) -> None:
    anonymise_closed_cases()

    case = Case.objects.get(pk=old.pk)
    resident = case.resident
    assert resident.full_name == ANONYMISED
    assert (resident.date_of_birth, resident.phone, resident.email) == (None, "", "")
    assert (resident.street, resident.postcode, resident.city, resident.search_name) == (
        "",
        "",
        "",
        "",
    )
    assert [(p.name, p.phone, p.relation) for p in resident.network.all()] == [(ANONYMISED, "", "")]
    assert [n.detail for n in resident.communication_needs.all()] == [""]
    assert (case.referrer_name, case.referrer_contact, case.reason_stuck) == ("", "", ANONYMISED)
    assert set(case.transitions.values_list("reason", flat=True)) == {""}
    assert set(case.assessments.values_list("story", flat=True)) == {""}
    assert set(case.results.values_list("note", flat=True)) == {""}
    closure = Closure.objects.get(case=case)
    assert closure.evaluation_resident == closure.handover_to == closure.evaluation_team == ""
    conversation = case.conversations.get()
    assert (conversation.notes, conversation.decisions, conversation.location) == ("", "", "")
    summary = ConversationSummary.objects.get(conversation=conversation)
    assert (
        summary.discussed,
        summary.agreed,
        summary.tasks,
        summary.next_appointment,
        summary.resident_reaction,
    ) == ("", "", "", "", "")
    assert set(
        ConversationParticipant.objects.filter(conversation=conversation).values_list(
            "name", flat=True
        )
    ) == {""}
    assert set(case.follow_up_calls.values_list("outcome", flat=True)) == {""}
    assert set(FollowUpAttempt.objects.filter(call__case=case).values_list("note", flat=True)) == {
        ""
    }
    assert set(case.goals.values_list("description", "outcome_note")) == {(ANONYMISED, "")}
    assert set(case.actions.values_list("description", flat=True)) == {ANONYMISED}


def test_figures_for_reports_are_kept(old: Case) -> None:
    before = Case.objects.get(pk=old.pk)

    anonymise_closed_cases()

    after = Case.objects.get(pk=old.pk)
    for name in (
        "team_id",
        "status",
        "registered_at",
        "intake_completed_at",
        "first_conversation_at",
        "plan_agreed_at",
        "closed_at",
        "channel",
        "urgency",
        "ladder_at_intake",
        "ladder_at_closing",
        "referrer_organisation",
        "reference",
    ):
        assert getattr(after, name) == getattr(before, name), name
    assert set(after.domains.values_list("domain", flat=True)) == {
        LifeDomain.FINANCES,
        LifeDomain.HOUSING,
    }
    assert set(after.assessments.values_list("moment", "domain", "zrm_score", "priority")) == {
        (AssessmentMoment.INTAKE, LifeDomain.FINANCES, 2, 1),
        (AssessmentMoment.CLOSING, LifeDomain.FINANCES, 4, 1),
    }
    assert list(after.goals.values_list("domain", "outcome")) == [
        (LifeDomain.HOUSING, GoalOutcome.REACHED)
    ]
    assert sorted(after.actions.values_list("status", flat=True)) == sorted(
        [ActionStatus.DONE, ActionStatus.CANCELLED]
    )
    assert after.actions.filter(completed_at__isnull=False).count() == 1
    assert after.results.count() == 1
    assert list(after.transitions.values_list("to_status", flat=True)) == [CaseStatus.CLOSED]
    assert list(after.conversations.values_list("status", "held_at")) == [
        (ConversationStatus.HELD, old.closed_at)
    ]
    # Who worked on it (and so which organisations were involved) stays.
    assert list(after.team_members.values_list("user_id", "role_on_case")) == [
        (old.registered_by_id, "Consulent sociaal team")
    ]
    assert [n.kind for n in after.resident.communication_needs.all()] == ["tolk"]
    assert after.resident.network.count() == 1


def test_is_idempotent_and_records_what_it_did(member: User, old: Case) -> None:
    first = anonymise_closed_cases(by=member)
    stamp = Case.objects.get(pk=old.pk).anonymised_at

    second = anonymise_closed_cases(by=member)

    assert Case.objects.get(pk=old.pk).anonymised_at == stamp
    assert (first.cases_total, first.residents_total) == (1, 1)
    assert (second.cases_total, second.residents_total) == (0, 0)
    rows = AuditEvent.objects.filter(code="retention.anonymise")
    assert rows.count() == 1
    row = rows.get()
    assert row.case_id == old.pk and row.resident_id == old.resident_id
    assert row.actor == member
    assert row.detail["resident_anonymised"] is True
    assert RetentionRun.objects.filter(dry_run=False, finished_at__isnull=False).count() == 2


def test_resident_kept_while_another_case_still_needs_them(
    team: Team, member: User, old: Case
) -> None:
    newer = CaseFactory(team=team, registered_by=member, resident=old.resident)

    run = anonymise_closed_cases()

    assert run.cases_total == 1 and run.residents_total == 0
    assert Case.objects.get(pk=old.pk).anonymised_at is not None
    resident = Resident.objects.get(pk=old.resident_id)
    assert resident.first_name == old.resident.first_name
    assert resident.network.get().name == "Anja Fictief"
    assert Case.objects.get(pk=newer.pk).anonymised_at is None


def test_team_option_limits_the_run(team: Team, other_team: Team, member: User, old: Case) -> None:
    elsewhere = closed_case(other_team, member, months_ago=30)

    run = anonymise_closed_cases(team=other_team)

    assert list(run.counts) == [str(other_team.pk)]
    assert Case.objects.get(pk=elsewhere.pk).anonymised_at is not None
    assert Case.objects.get(pk=old.pk).anonymised_at is None


def test_anonymised_case_cannot_be_reopened(member: User, old: Case) -> None:
    anonymise_closed_cases()
    case = Case.objects.get(pk=old.pk)

    assert not can_transition(case, CaseStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        reopen_case(case=case, by=member, reason="Toch nog iets")
    assert Case.objects.get(pk=old.pk).status == CaseStatus.CLOSED


def test_months_before_clamps_to_month_end() -> None:
    moment = dt.datetime(2026, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 24) == dt.datetime(2024, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 15) == dt.datetime(2024, 12, 31, 12, 0, tzinfo=dt.UTC)


def _bulk_closed_cases(team: Team, by: User, n: int) -> None:
    closed_at = months_before(NOW, 30)
    residents = Resident.objects.bulk_create(
        [
            Resident(
                team=team,
                first_name="Fictief",
                last_name=f"Inwoner {i}",
                search_name=f"fictief inwoner {i}",
            )
            for i in range(n)
        ]
    )
    cases = Case.objects.bulk_create(
        [
            Case(
                team=team,
                resident=resident,
                reference=f"OK-BULK-{uuid.uuid4().hex[:12]}",
                status=CaseStatus.CLOSED,
                registered_at=closed_at,
                registered_by=by,
                channel="inwoner",
                reason_stuck="Vast",
                closed_at=closed_at,
            )
            for resident in residents
        ]
    )
    CaseDomain.objects.bulk_create(
        [CaseDomain(case=case, domain=LifeDomain.FINANCES) for case in cases]
    )


def _queries_for(team: Team, by: User, n: int) -> int:
    _bulk_closed_cases(team, by, n)
    with CaptureQueriesContext(connection) as ctx:
        run = anonymise_closed_cases(team=team, batch_size=500)
    assert run.cases_total == n
    assert run.residents_total == n
    assert Case.objects.filter(team=team, anonymised_at__isnull=True).count() == 0
    assert Resident.objects.filter(team=team, first_name=ANONYMISED).count() == n
    return len(ctx.captured_queries)


@pytest.mark.slow
def test_query_count_grows_per_batch_not_per_case(
    team: Team, other_team: Team, member: User
) -> None:
    small = _queries_for(team, member, 100)  # one batch
    large = _queries_for(other_team, member, 1200)  # three batches

    # Each extra batch adds a fixed number of queries (a run's own bookkeeping comes on
    # top once); 1,100 extra cases do not.
    assert large <= small * 3 + 5
    # 110: budget requests and deviations add one UPDATE each per batch.
    assert large < 110
    assert AuditEvent.objects.filter(code="retention.anonymise").count() == 1300


@pytest.mark.django_db(transaction=True)
def test_consent_versions_lose_names_purpose_and_scan(
    team: Team, member: User, settings: Any, tmp_path: Any
) -> None:
    """The consent history stays (which organisations, valid when) but the witness, the
    withdrawer, the purpose text and the signed scan go; the file is deleted from disk."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opkoers.consent.models import ConsentVersion
    from opkoers.consent.services import attach_scan

    settings.MEDIA_ROOT = tmp_path
    case = closed_case(team, member, months_ago=30)
    png = SimpleUploadedFile("f.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32, "image/png")
    # Scans are attached while the case runs; closed cases are read-only.
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    version = attach_scan(case=Case.objects.get(pk=case.pk), by=member, upload=png)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    ConsentVersion.objects.filter(pk=version.pk).update(
        witness_name="Getuige Gerda", withdrawn_by="Inwoner zelf"
    )
    stored = tmp_path / version.scan.name
    assert stored.exists()

    anonymise_closed_cases()

    version.refresh_from_db()
    assert (version.witness_name, version.withdrawn_by, version.scan.name) == ("", "", "")
    assert version.purpose == ANONYMISED and version.scan_content_type == ""
    assert version.organisations.exists() and version.valid_until
    assert not stored.exists()


def test_legal_bases_keep_the_decision_but_lose_their_free_texts(team: Team, member: User) -> None:
    """Which organisation, which law, the period and who decided stay (the privacy
    officer may need to show a basis existed); motivation, note and end reason go."""
    from opkoers.consent.models import LegalBasis, LegalBasisStatus
    from opkoers.consent.tests.factories import LegalBasisFactory

    case = closed_case(team, member, months_ago=30)
    created = LegalBasisFactory(
        case=case,
        status=LegalBasisStatus.ENDED,
        motivation="Mevrouw Voorbeeld heeft huurschuld bij de woningcorporatie.",
        decision_note="Akkoord, want de schuldhulp loopt.",
        end_reason="Schuld afgelost door de inwoner.",
    )

    anonymise_closed_cases()

    basis = LegalBasis.objects.get(pk=created.pk)
    assert (basis.motivation, basis.decision_note, basis.end_reason) == (ANONYMISED, "", "")
    assert basis.basis and basis.status == LegalBasisStatus.ENDED and basis.decided_by_id
