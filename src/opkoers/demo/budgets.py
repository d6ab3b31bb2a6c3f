"""Fictional demo data for the maatwerkbudget and the deviation register: a pot for
this year, requests in every state and a few deviations on the demo cases. Built
through the services, so the audit log shows them too. Idempotent: a second run finds
the pot and does nothing."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from opkoers.accounts.models import Role, Team, TeamMembership, User
from opkoers.budgets import services
from opkoers.budgets.models import BudgetPot
from opkoers.cases.models import CaseTeamMember
from opkoers.plans.models import Goal, GoalOutcome
from opkoers.plans.permissions import PLAN_OPEN_STATUSES

DEMO_TEAM = "Op Koers Rijnvliet"

# purpose, payee, amount, breakthrough, end state
REQUESTS = [
    (
        "Eerste maand huur en borg voor een kamer",
        "Woonstichting De Oever",
        "650.00",
        "Met een eigen adres kan de uitkering worden aangevraagd en stopt het zwerven "
        "tussen vrienden.",
        "requested",
    ),
    (
        "Bril en oogmeting",
        "Optiek Rijnvliet",
        "185.50",
        "Zonder bril kan de inwoner de brieven van schuldeisers niet lezen en de werkplek niet op.",
        "approved",
    ),
    (
        "Treinabonnement voor de eerste maand werk",
        "NS Reizigers",
        "96.40",
        "De eerste loonbetaling komt pas na een maand; zonder abonnement kan de proefplaatsing "
        "niet beginnen.",
        "paid",
    ),
    (
        "Nieuwe laptop",
        "Computerwinkel Centrum",
        "899.00",
        "Om sollicitatiebrieven te schrijven.",
        "rejected",
    ),
]

# rule name, regulation, article, what, why, share, approve?
DEVIATIONS = [
    (
        "Kostendelersnorm",
        "Participatiewet",
        "22a",
        "Kostendelersnorm drie maanden niet toegepast terwijl een volwassen kind tijdelijk "
        "inwoont.",
        "Het kind kan blijven tot er een eigen kamer is; de huur komt niet in gevaar.",
        True,
        True,
    ),
    (
        "Wachttijd urgentieaanvraag",
        "Huisvestingsverordening",
        "2.6",
        "Urgentie aangevraagd zonder de gebruikelijke zes maanden inschrijving.",
        "Het gezin hoeft niet naar de nachtopvang en de kinderen blijven op hun school.",
        True,
        False,
    ),
    (
        "Briefadres pas na vaststelling verblijfplaats",
        "Procedure Burgerzaken",
        "",
        "Briefadres bij het sociaal team direct toegekend, zonder de gebruikelijke wachttijd.",
        "Zonder adres geen uitkering en geen zorgverzekering; nu kan beides meteen starten.",
        False,
        True,
    ),
]


def _case_goals(team: Team, leader: User) -> list[tuple[Goal, User]]:
    """One active goal per open case, with a case-team professional who may ask."""
    goals = (
        Goal.objects.filter(case__team=team, case__status__in=PLAN_OPEN_STATUSES)
        .exclude(outcome=GoalOutcome.DROPPED)
        .select_related("case")
        .order_by("case__reference", "priority")
    )
    members = {
        m.case_id: m.user
        for m in CaseTeamMember.objects.filter(case__team=team)
        .exclude(user=leader)
        .select_related("user")
        # The contact person comes last and so wins: they usually ask.
        .order_by("is_contact_person")
    }
    seen: set[object] = set()
    picked = []
    for goal in goals:
        if goal.case_id in seen or goal.case_id not in members:
            continue
        seen.add(goal.case_id)
        picked.append((goal, members[goal.case_id]))
    return picked


def load_budget_demo() -> bool:
    team = Team.objects.filter(name=DEMO_TEAM).first()
    leader = User.objects.filter(username="pieter", role=Role.PROJECT_LEADER).first()
    if team is None or leader is None or BudgetPot.objects.filter(team=team).exists():
        return False
    with transaction.atomic():
        services.set_pot(
            team=team, year=timezone.localdate().year, amount=Decimal("25000.00"), by=leader
        )
        targets = _case_goals(team, leader)
        if targets:
            _requests(targets, leader)
            _deviations(targets, leader)
        # The demo policy officer advises this team: membership opens the bottleneck
        # overview, never the cases (Case.visible_to excludes policy staff).
        policy = User.objects.filter(username="bo", role=Role.POLICY_STAFF).first()
        if policy is not None:
            TeamMembership.objects.get_or_create(user=policy, team=team)
    return True


def _requests(targets: list[tuple[Goal, User]], leader: User) -> None:
    for number, (purpose, payee, amount, breakthrough, state) in enumerate(REQUESTS):
        goal, requester = targets[number % len(targets)]
        request = services.request_budget(
            case=goal.case,
            by=requester,
            goal=goal,
            amount=amount,
            purpose=purpose,
            payee=payee,
            breakthrough=breakthrough,
        )
        if state in ("approved", "paid"):
            services.approve_request(budget_request=request, by=leader)
        if state == "paid":
            services.register_payment(
                budget_request=request,
                by=leader,
                paid_on=timezone.localdate(),
                reference="FIN-DEMO-0001",
            )
        if state == "rejected":
            services.reject_request(
                budget_request=request,
                by=leader,
                reason="Dit kan via de bijzondere bijstand; daar helpt de inkomensconsulent bij.",
            )


def _deviations(targets: list[tuple[Goal, User]], leader: User) -> None:
    from opkoers.deviations import services as deviation_services

    for number, (name, regulation, article, what, why, share, approve) in enumerate(DEVIATIONS):
        goal, author = targets[number % len(targets)]
        rule = deviation_services.find_or_add_rule(
            name=name, regulation=regulation, article=article, by=author
        )
        deviation = deviation_services.register_deviation(
            case=goal.case,
            by=author,
            rule=rule,
            what_differently=what,
            why_it_helps=why,
            mandate="Mandaat college van B&W: gemotiveerd afwijken (Op Koers)",
            decided_by="Pieter Schouten, projectleider",
            decided_on=timezone.localdate(),
            share_as_example=share,
        )
        if approve:
            deviation_services.approve_deviation(deviation=deviation, by=leader)
