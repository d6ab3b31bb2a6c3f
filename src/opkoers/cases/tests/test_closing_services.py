"""Step 7 services: every transition they make, and every refusal."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from opkoers.audit.models import AuditEvent
from opkoers.cases.models import (
    AssessmentMoment,
    CaseResult,
    CaseStatus,
    CaseTransition,
    Closure,
    DomainAssessment,
    ResultKind,
    StopReason,
)
from opkoers.cases.services.closing import (
    GoalOutcomeInput,
    back_to_in_progress,
    close_case,
    missing_for_close,
    reopen_case,
    save_closing,
    start_closing,
    stop_case_early,
)
from opkoers.cases.tests.closing_helpers import DOMAINS, complete_input, prepare, set_status
from opkoers.cases.tests.factories import CaseFactory
from opkoers.core.models import LifeDomain
from opkoers.plans.models import Goal, GoalOutcome

S = CaseStatus
FACTSHEET = [
    "Uitkering geregeld",
    "Urgentie afgegeven",
    "Noodhuisvesting",
    "Eigen (huur)woning",
    "Ouderschapsplan gerealiseerd",
    "Contact met hulporganisatie",
    "Werk gevonden",
    "Ondersteuning bij zoeken werk",
    "Schuldhulp gestart",
    "Financieel overzicht gemaakt",
    "Zorg of behandeling gestart",
    "Opleiding of school hervat",
    "Mantelzorg of netwerk versterkt",
]


def transitions(case):
    return list(CaseTransition.objects.filter(case=case).values_list("from_status", "to_status"))


def test_result_kinds_are_seeded_as_data_with_a_life_domain(db):
    kinds = {k.name: k for k in ResultKind.objects.all()}
    assert set(FACTSHEET) <= set(kinds)
    for name in FACTSHEET:
        assert kinds[name].active
        assert kinds[name].domain in LifeDomain.values


# --- start closing ------------------------------------------------------------------


@pytest.mark.parametrize("from_status", [S.PLAN, S.IN_PROGRESS])
def test_start_closing_moves_plan_or_lopend_to_afronding(case, member, from_status):
    set_status(case, from_status)
    start_closing(case=case, by=member)
    assert case.status == S.CLOSING
    assert transitions(case) == [(from_status, S.CLOSING)]
    assert AuditEvent.objects.filter(case_id=case.pk, code="case.transition").count() == 1


@pytest.mark.parametrize(
    "from_status", [S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION, S.CLOSING, S.CLOSED]
)
def test_start_closing_is_refused_from_other_steps(case, member, from_status):
    set_status(case, from_status)
    with pytest.raises(ValidationError):
        start_closing(case=case, by=member)
    case.refresh_from_db()
    assert case.status == from_status
    assert transitions(case) == []


# --- saving -------------------------------------------------------------------------


def test_save_closing_records_outcomes_results_scores_and_evaluation(case, member):
    goals = prepare(case)
    closure = save_closing(case=case, by=member, data=complete_input(case))
    assert {g.outcome for g in Goal.objects.filter(case=case)} == {GoalOutcome.REACHED}
    assert Goal.objects.get(pk=goals[0].pk).outcome_note == "Gelukt"
    result = CaseResult.objects.get(case=case)
    assert (result.kind.name, result.note) == ("Uitkering geregeld", "Per 1 maart")
    closing_scores = dict(
        DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.CLOSING).values_list(
            "domain", "zrm_score"
        )
    )
    assert closing_scores == {DOMAINS[0].value: 4, DOMAINS[1].value: 4}
    assert case.ladder_at_closing == 4
    assert closure.evaluation_resident == "Ik heb weer rust in mijn hoofd."
    assert closure.handover_to == "Sanne Bakker, werkcoach WIL"
    event = AuditEvent.objects.get(code="case.closing.save")
    assert event.case_id == case.pk and event.actor == member
    assert "rust" not in str(event.detail)  # no free text in the audit detail
    assert case.status == S.CLOSING  # saving does not close


def test_saving_again_updates_and_removes(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case))
    other = ResultKind.objects.get(name="Werk gevonden")
    data = complete_input(
        case, results={other.pk: ""}, zrm_scores={DOMAINS[0].value: 5, DOMAINS[1].value: None}
    )
    save_closing(case=case, by=member, data=data)
    assert list(CaseResult.objects.filter(case=case).values_list("kind__name", flat=True)) == [
        "Werk gevonden"
    ]
    scores = dict(
        DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.CLOSING).values_list(
            "domain", "zrm_score"
        )
    )
    assert scores == {DOMAINS[0].value: 5, DOMAINS[1].value: None}
    assert Closure.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(code="case.closing.save").count() == 2


def test_a_deactivated_kind_already_on_the_case_stays_valid(case, member):
    prepare(case)
    kind = ResultKind.objects.get(name="Noodhuisvesting")
    save_closing(case=case, by=member, data=complete_input(case, results={kind.pk: ""}))
    ResultKind.objects.filter(pk=kind.pk).update(active=False)
    save_closing(case=case, by=member, data=complete_input(case, results={kind.pk: "tijdelijk"}))
    assert CaseResult.objects.get(case=case).note == "tijdelijk"


def test_an_inactive_kind_cannot_be_added(case, member):
    prepare(case)
    kind = ResultKind.objects.create(name="Oude soort", active=False)
    with pytest.raises(ValidationError, match="resultaten uit de lijst"):
        save_closing(case=case, by=member, data=complete_input(case, results={kind.pk: ""}))
    assert not CaseResult.objects.filter(case=case).exists()


def test_a_goal_of_another_case_is_refused(case, member):
    prepare(case)
    other = CaseFactory(team=case.team)
    foreign = prepare(other, goals=1)[0]
    data = complete_input(
        case, goal_outcomes={foreign.pk: GoalOutcomeInput(outcome=GoalOutcome.REACHED)}
    )
    with pytest.raises(ValidationError, match="hoort niet bij dit traject"):
        save_closing(case=case, by=member, data=data)
    assert Goal.objects.get(pk=foreign.pk).outcome == GoalOutcome.OPEN


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"zrm_scores": {"financien": 9}}, "ZRM-score van 1 tot en met 5"),
        ({"zrm_scores": {"geen_domein": 3}}, "ZRM-score"),
        ({"ladder_at_closing": 7}, "Participatieladder"),
        ({"no_handover_needed": True}, "Kies één van beide"),
    ],
)
def test_bad_values_are_refused_with_a_dutch_message(case, member, overrides, message):
    prepare(case)
    with pytest.raises(ValidationError, match=message):
        save_closing(case=case, by=member, data=complete_input(case, **overrides))
    assert not Closure.objects.filter(case=case).exists()


def test_an_unknown_goal_outcome_is_refused(case, member):
    goal = prepare(case)[0]
    data = complete_input(case, goal_outcomes={goal.pk: GoalOutcomeInput(outcome="super")})
    with pytest.raises(ValidationError, match="geldige uitkomst"):
        save_closing(case=case, by=member, data=data)


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.PLAN])
def test_save_closing_needs_afronding(case, member, status):
    prepare(case, status=status)
    with pytest.raises(ValidationError, match="Start eerst de afronding"):
        save_closing(case=case, by=member, data=complete_input(case))
    assert not Closure.objects.filter(case=case).exists()


# --- closing ------------------------------------------------------------------------


def test_close_with_everything_recorded_closes_the_case(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case))
    close_case(case=case, by=member)
    assert case.status == S.CLOSED and case.closed_at is not None
    assert transitions(case)[-1] == (S.CLOSING, S.CLOSED)


def test_close_with_nothing_recorded_lists_everything_missing(case, member):
    prepare(case, goals=2, scored_domains=2)
    with pytest.raises(ValidationError) as raised:
        close_case(case=case, by=member)
    text = " ".join(raised.value.messages)
    assert "Geef bij elk doel een uitkomst" in text
    assert "Doel nummer 1" in text and "Doel nummer 2" in text
    assert "ZRM-score bij afronding" in text
    assert str(DOMAINS[0].label) in text and str(DOMAINS[1].label) in text
    assert "Participatieladder" in text
    assert "evaluatie van de inwoner" in text
    assert "geen overdracht nodig" in text
    assert len(raised.value.messages) == 5
    case.refresh_from_db()
    assert case.status == S.CLOSING
    assert transitions(case) == []


def test_only_domains_scored_at_intake_are_required(case, member):
    prepare(case, scored_domains=1)
    DomainAssessment.objects.create(
        case=case, moment=AssessmentMoment.INTAKE, domain=LifeDomain.JUSTICE, zrm_score=None
    )
    save_closing(case=case, by=member, data=complete_input(case))
    assert missing_for_close(case) == []


def test_missing_score_for_one_domain_is_named(case, member):
    prepare(case, scored_domains=2)
    save_closing(case=case, by=member, data=complete_input(case, zrm_scores={DOMAINS[0].value: 3}))
    assert missing_for_close(case) == [
        f"Vul de ZRM-score bij afronding in voor: {DOMAINS[1].label}."
    ]


def test_a_reason_instead_of_the_residents_evaluation_and_no_handover_are_enough(case, member):
    prepare(case)
    data = complete_input(
        case,
        evaluation_resident="",
        evaluation_resident_missing_reason="Inwoner niet meer bereikbaar na verhuizing.",
        handover_to="",
        handover_agreements="",
        no_handover_needed=True,
    )
    save_closing(case=case, by=member, data=data)
    close_case(case=case, by=member)
    assert case.status == S.CLOSED


def test_a_handover_needs_its_agreements(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case, handover_agreements=""))
    assert missing_for_close(case) == ["Beschrijf wat er bij de warme overdracht is afgesproken."]


def test_an_open_goal_blocks_closing(case, member):
    goals = prepare(case, goals=2)
    data = complete_input(case)
    outcomes = dict(data.goal_outcomes)
    outcomes[goals[1].pk] = GoalOutcomeInput(outcome=GoalOutcome.OPEN)
    save_closing(case=case, by=member, data=replace(data, goal_outcomes=outcomes))
    with pytest.raises(ValidationError, match="Doel nummer 2"):
        close_case(case=case, by=member)


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.PLAN, S.REGISTERED])
def test_close_from_the_wrong_step_is_refused(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError, match="Alleen een traject in de afronding"):
        close_case(case=case, by=member)
    case.refresh_from_db()
    assert case.status == status


def test_closing_twice_creates_one_transition(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case))
    close_case(case=case, by=member)
    with pytest.raises(ValidationError, match="afgesloten"):
        close_case(case=case, by=member)
    assert transitions(case).count((S.CLOSING, S.CLOSED)) == 1


# --- back, reopen, stop ---------------------------------------------------------------


def test_back_to_lopend_from_afronding(case, member):
    prepare(case)
    back_to_in_progress(case=case, by=member)
    assert case.status == S.IN_PROGRESS
    assert transitions(case) == [(S.CLOSING, S.IN_PROGRESS)]


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.PLAN, S.CLOSED])
def test_back_to_lopend_is_refused_outside_afronding(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError):
        back_to_in_progress(case=case, by=member)
    assert transitions(case) == []


def test_reopen_needs_a_typed_reason(case, member):
    set_status(case, S.CLOSED)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="Geef een reden op om het traject te heropenen"):
            reopen_case(case=case, by=member, reason=reason)
    case.refresh_from_db()
    assert case.status == S.CLOSED
    assert transitions(case) == []


def test_reopen_goes_to_lopend_and_records_the_reason(case, member):
    prepare(case)
    save_closing(case=case, by=member, data=complete_input(case))
    close_case(case=case, by=member)
    reopen_case(case=case, by=member, reason="  Nieuwe schuldeiser meldt zich.  ")
    assert case.status == S.IN_PROGRESS and case.closed_at is None
    step = CaseTransition.objects.filter(case=case).last()
    assert (step.from_status, step.to_status, step.reason) == (
        S.CLOSED,
        S.IN_PROGRESS,
        "Nieuwe schuldeiser meldt zich.",
    )
    event = AuditEvent.objects.get(code="case.reopen")
    assert event.detail["reason"] == "Nieuwe schuldeiser meldt zich."
    assert Closure.objects.get(case=case).evaluation_resident  # the evaluation is kept


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.CLOSING, S.REGISTERED])
def test_reopen_of_an_open_case_is_refused(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError, match="niet afgesloten"):
        reopen_case(case=case, by=member, reason="Toch weer nodig")
    assert transitions(case) == []


@pytest.mark.parametrize("status", [S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION])
def test_stop_early_closes_with_the_reason(case, member, status):
    set_status(case, status)
    stop_case_early(
        case=case,
        by=member,
        stop_reason=StopReason.RESIDENT_WITHDRAWS,
        explanation="Wil het eerst zelf proberen.",
    )
    assert case.status == S.CLOSED
    step = CaseTransition.objects.get(case=case)
    assert step.reason == "De inwoner ziet af van het traject: Wil het eerst zelf proberen."
    assert Closure.objects.get(case=case).stop_reason == StopReason.RESIDENT_WITHDRAWS
    assert AuditEvent.objects.filter(case_id=case.pk, code="case.stop_early").count() == 1


@pytest.mark.parametrize(
    ("stop_reason", "explanation", "message"),
    [
        ("", "Zomaar", "Kies waarom het traject stopt"),
        ("onzin", "", "Kies waarom het traject stopt"),
        (StopReason.OTHER, "  ", "Licht toe waarom"),
    ],
)
def test_stop_early_without_a_reason_is_refused(case, member, stop_reason, explanation, message):
    with pytest.raises(ValidationError, match=message):
        stop_case_early(case=case, by=member, stop_reason=stop_reason, explanation=explanation)
    case.refresh_from_db()
    assert case.status == S.REGISTERED
    assert not Closure.objects.filter(case=case).exists()


@pytest.mark.parametrize("status", [S.PLAN, S.IN_PROGRESS, S.CLOSING])
def test_stop_early_is_refused_once_there_is_a_plan(case, member, status):
    set_status(case, status)
    with pytest.raises(ValidationError, match="geen Samen1plan"):
        stop_case_early(case=case, by=member, stop_reason=StopReason.NOT_SUITABLE)
    assert transitions(case) == []


def test_reopening_a_stopped_case_clears_the_stop_reason(case, member):
    stop_case_early(case=case, by=member, stop_reason=StopReason.NO_CONTACT)
    reopen_case(case=case, by=member, reason="Inwoner belt toch terug.")
    assert Closure.objects.get(case=case).stop_reason == ""


@pytest.mark.parametrize("status", [S.REGISTERED, S.INTAKE, S.FIRST_CONVERSATION])
def test_reopening_a_stopped_case_returns_to_the_step_it_stopped_in(case, member, status):
    """A case without a plan must not come back as 'lopend' as if it had one."""
    set_status(case, status)
    stop_case_early(case=case, by=member, stop_reason=StopReason.NO_CONTACT)
    reopen_case(case=case, by=member, reason="Inwoner belt toch terug.")
    assert case.status == status


@pytest.mark.parametrize(
    "write",
    [
        lambda case, by: save_closing(case=case, by=by, data=complete_input(case)),
        lambda case, by: start_closing(case=case, by=by),
        lambda case, by: back_to_in_progress(case=case, by=by),
        lambda case, by: close_case(case=case, by=by),
        lambda case, by: stop_case_early(
            case=case, by=by, stop_reason=StopReason.OTHER, explanation="x"
        ),
    ],
)
def test_writes_on_a_closed_case_are_refused(case, member, write):
    prepare(case, status=S.CLOSED)
    with pytest.raises(ValidationError, match="afgesloten"):
        write(case, member)
    case.refresh_from_db()
    assert case.status == S.CLOSED
    assert transitions(case) == []
    assert not Closure.objects.filter(case=case).exists()
