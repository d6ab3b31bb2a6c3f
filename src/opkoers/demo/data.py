"""The fictional demo set loaded by `make run` (`manage.py load_demo`).

Every person and organisation here is invented; the situations are inspired by the
examples in the Op Koers seeds (a deaf man newly arrived without sign language, with
diabetes and debts; a divorced mother of two with housing trouble and debts; a former
entrepreneur without an address after bankruptcy; a young person who left school).

Cases are built through the same services the pages use, so the demo shows what the
product really does: transitions, follow-up calls, audit rows. Conversations in the past
are planned and recorded with an explicit `now` in the past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from opkoers.accounts.models import Organisation, OrganisationKind, Role, Team, TeamMembership, User
from opkoers.cases.models import Case, CaseStatus, ResultKind
from opkoers.cases.services import case_team, closing, intake, registration
from opkoers.cases.services.closing import ClosingInput, GoalOutcomeInput
from opkoers.cases.services.intake import DomainIntakeInput, IntakeInput
from opkoers.cases.services.resident import add_communication_need, add_network_person
from opkoers.consent import services as consent_services
from opkoers.consent.models import ConsentMethod
from opkoers.core.models import LifeDomain as D
from opkoers.demo.budgets import load_budget_demo
from opkoers.demo.effects import load_effects_demo
from opkoers.meetings.models import Conversation, ConversationStatus, FollowUpCall
from opkoers.meetings.services.conversations import (
    Participants,
    plan_conversation,
    record_conversation,
)
from opkoers.meetings.services.follow_ups import record_follow_up_outcome
from opkoers.plans.models import ActionStatus, GoalOutcome, OwnerKind
from opkoers.plans.services.actions import add_action, set_action_status
from opkoers.plans.services.agreement import agree_plan
from opkoers.plans.services.goals import add_goal
from opkoers.residents.models import CommunicationNeedKind

DEMO_TEAM = "Op Koers Rijnvliet"
DEMO_PASSWORD = "OpKoers-demo-2026"  # noqa: S105 - fictional demo accounts, demo mode only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    organisation: str


def demo_loaded() -> bool:
    return Team.objects.filter(name=DEMO_TEAM).exists()


def demo_logins() -> list[DemoLogin]:
    users = User.objects.filter(username__in=[u for u, *_ in PEOPLE]).select_related("organisation")
    by_name = {u.username: u for u in users}
    return [
        DemoLogin(
            username=u,
            name=by_name[u].get_full_name(),
            role=str(by_name[u].get_role_display()),
            organisation=str(by_name[u].organisation or ""),
        )
        for u, *_ in PEOPLE
        if u in by_name
    ]


ORGANISATIONS = [
    ("Gemeente Rijnvliet", OrganisationKind.MUNICIPALITY),
    ("Sociaal Team Rijnvliet", OrganisationKind.SOCIAL_TEAM),
    ("Werk en Inkomen Lekland", OrganisationKind.BENEFITS_AGENCY),
    ("Werktafel Rijnvliet", OrganisationKind.WORK),
    ("Schuldhulp Rijnvliet", OrganisationKind.DEBT_SUPPORT),
    ("Welzijn De Brug", OrganisationKind.WELFARE),
    ("Woonstichting De Oever", OrganisationKind.HOUSING),
    ("GGZ Rivierduin", OrganisationKind.MENTAL_HEALTH),
    ("Jongerenloket Rijnvliet", OrganisationKind.YOUTH),
]

# username, first, last, role, organisation, job title, teams
PEOPLE = [
    (
        "mila",
        "Mila",
        "de Wit",
        Role.PROFESSIONAL,
        "Sociaal Team Rijnvliet",
        "Consulent sociaal team",
        ["main"],
    ),
    ("ahmed", "Ahmed", "Bouzid", Role.PROFESSIONAL, "Werktafel Rijnvliet", "Werkcoach", ["main"]),
    (
        "sanne",
        "Sanne",
        "Kuipers",
        Role.PROFESSIONAL,
        "Werk en Inkomen Lekland",
        "Inkomensconsulent",
        ["main"],
    ),
    (
        "daan",
        "Daan",
        "Verhoef",
        Role.PROFESSIONAL,
        "Schuldhulp Rijnvliet",
        "Schuldhulpverlener",
        ["main"],
    ),
    (
        "joyce",
        "Joyce",
        "Pinas",
        Role.PROFESSIONAL,
        "Welzijn De Brug",
        "Welzijnsconsulent",
        ["main"],
    ),
    (
        "fenna",
        "Fenna",
        "Brouwer",
        Role.PROFESSIONAL,
        "Jongerenloket Rijnvliet",
        "Jongerenwerker",
        ["main"],
    ),
    (
        "pieter",
        "Pieter",
        "Schouten",
        Role.PROJECT_LEADER,
        "Gemeente Rijnvliet",
        "Projectleider Op Koers",
        ["main"],
    ),
    (
        "bo",
        "Bo",
        "Hendriks",
        Role.POLICY_STAFF,
        "Gemeente Rijnvliet",
        "Beleidsadviseur sociaal domein",
        [],
    ),
    (
        "beheer",
        "Kim",
        "van Loon",
        Role.FUNCTIONAL_ADMIN,
        "Gemeente Rijnvliet",
        "Functioneel beheerder",
        [],
    ),
    (
        "privacy",
        "Noor",
        "Dekker",
        Role.PRIVACY_OFFICER,
        "Gemeente Rijnvliet",
        "Functionaris gegevensbescherming",
        [],
    ),
    (
        "otto",
        "Otto",
        "Lindeboom",
        Role.PROFESSIONAL,
        "Sociaal Team Rijnvliet",
        "Consulent (ander team)",
        ["other"],
    ),
]


class DemoBuilder:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}

    def days_ago(self, days: int, hour: int = 10) -> dt.datetime:
        moment = timezone.localtime(self.now - dt.timedelta(days=days))
        return moment.replace(hour=hour, minute=0, second=0, microsecond=0)

    @transaction.atomic
    def build(self) -> None:
        for name, kind in ORGANISATIONS:
            self.orgs[name] = Organisation.objects.create(name=name, kind=kind)
        self.team = Team.objects.create(name=DEMO_TEAM, municipality="Rijnvliet")
        self.other_team = Team.objects.create(
            name="Op Koers Noorderveld",
            municipality="Noorderveld",
        )
        teams = {"main": self.team, "other": self.other_team}
        for username, first, last, role, org, title, member_of in PEOPLE:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@rijnvliet.example",
                role=role,
                organisation=self.orgs[org],
                job_title=title,
            )
            for key in member_of:
                TeamMembership.objects.create(user=user, team=teams[key])
            self.users[username] = user
        self.results = {r.name: r for r in ResultKind.objects.all()}
        self.deaf_man_with_debts()
        self.divorced_mother()
        self.former_entrepreneur()
        self.young_school_leaver()
        self.new_registration_from_gp()
        self.closed_case()
        self.closing_case()
        self.backdate_registrations()

    def backdate_registrations(self) -> None:
        """The services stamp 'now'; a demo reads better with registrations spread over the
        past weeks, before each case's first conversation."""
        days = {
            "Statia": 35,
            "Hoogland": 8,
            "Bakker": 5,
            "el Khatib": 1,
            "Dijkhuis": 90,
            "Terpstra": 80,
        }
        for case in Case.objects.filter(team=self.team).select_related("resident"):
            back = days.get(case.resident.last_name)
            if back is None:
                back = 10 if case.possible_duplicate_of_id and case.status != "aangemeld" else 0
            Case.objects.filter(pk=case.pk).update(registered_at=self.days_ago(back, hour=9))

    # --- helpers ---------------------------------------------------------------------

    def register(self, by: str, **kwargs: object) -> Case:
        defaults: dict[str, object] = {
            "date_of_birth": None,
            "has_no_address": False,
            "urgency": "normaal",
            "street": "",
            "postcode": "",
            "city": "",
            "address_note": "",
        }
        defaults.update(kwargs)
        return registration.register_case(by=self.users[by], team=self.team, **defaults)  # type: ignore[arg-type]

    def start(self, case: Case, by: str, team: list[tuple[str, str]]) -> None:
        intake.start_intake(case=case, by=self.users[by])
        for username, role in team:
            case_team.add_member(
                case=case, user=self.users[username], role_on_case=role, by=self.users[by]
            )
        # The resident signs the shared consent form at the start of the intake, covering
        # the organisations at the table (see docs/handleiding/toestemming.md), the
        # project leader's municipality included: the leader checks budgets and
        # deviations, which needs the case's data (cases/access.py, To.DECIDE).
        leaders = [u for u in self.users.values() if u.is_project_leader]
        people = [self.users[by], *(self.users[u] for u, _ in team), *leaders]
        consent_services.record_consent(
            case=case,
            by=self.users[by],
            organisations={p.organisation for p in people if p.organisation is not None},
            purpose="Samen met de inwoner werken aan één plan voor geld, werk en wonen.",
            method=ConsentMethod.SIGNED_FORM,
            given_on=timezone.localdate(),
            valid_until=timezone.localdate() + dt.timedelta(days=365),
        )

    def do_intake(
        self, case: Case, by: str, rows: Mapping[Any, tuple[str, int, int]], ladder: int
    ) -> None:
        for domain in rows:
            if not case.domains.filter(domain=domain).exists():
                intake.add_intake_domain(case=case, domain=domain, by=self.users[by])
        intake.save_intake(
            case=case,
            by=self.users[by],
            data=IntakeInput(
                domains={
                    d: DomainIntakeInput(story=s, priority=p, zrm_score=z)
                    for d, (s, p, z) in rows.items()
                },
                ladder_at_intake=ladder,
            ),
        )
        intake.complete_intake(case=case, by=self.users[by])

    def conversation(
        self,
        case: Case,
        by: str,
        *,
        kind: str,
        days_ago: int,
        notes: str,
        decisions: str,
        users: list[str],
        network: bool = False,
        others: tuple[str, ...] = (),
    ) -> Conversation:
        when = self.days_ago(days_ago)
        participants = Participants(
            resident=True,
            user_ids=frozenset(self.users[u].pk for u in users),
            network_person_ids=frozenset(case.resident.network.values_list("pk", flat=True))
            if network
            else frozenset(),
            others=others,
        )
        planned = plan_conversation(
            case=case,
            by=self.users[by],
            kind=kind,
            mode="fysiek",
            scheduled_at=when,
            location="Gemeentehuis Rijnvliet, spreekkamer 2",
            participants=participants,
            resident_agreed=True,
            now=when - dt.timedelta(days=7),
        )
        return record_conversation(
            conversation=planned,
            by=self.users[by],
            held_at=when,
            participants=participants,
            notes=notes,
            decisions=decisions,
            now=when + dt.timedelta(hours=2),
        )

    def plan_next(self, case: Case, by: str, *, in_days: int, users: list[str]) -> None:
        when = self.days_ago(-in_days, hour=10)
        plan_conversation(
            case=case,
            by=self.users[by],
            kind="vervolg",
            mode="fysiek",
            scheduled_at=when,
            location="Gemeentehuis Rijnvliet, spreekkamer 2",
            participants=Participants(
                resident=True, user_ids=frozenset(self.users[u].pk for u in users)
            ),
            resident_agreed=True,
        )

    def call_done(self, case: Case, by: str, outcome: str) -> None:
        call = FollowUpCall.objects.filter(case=case, status="open").order_by("due_date").first()
        if call is None:
            return
        called_at = timezone.make_aware(dt.datetime.combine(call.due_date, dt.time(11)))
        record_follow_up_outcome(
            call=call,
            by=self.users[by],
            reached=True,
            outcome=outcome,
            now=called_at if called_at <= self.now else None,
        )

    # --- the cases -------------------------------------------------------------------

    def deaf_man_with_debts(self) -> None:
        """The seeds' effects-calculator example, with invented details."""
        case = self.register(
            "mila",
            first_name="Ricardo",
            last_name="Statia",
            date_of_birth=dt.date(1991, 3, 14),
            has_no_address=True,
            address_note="Verblijft bij zijn broer, Dorpsstraat 12 (postadres)",
            channel="sociaal_team",
            referrer_name="Mila de Wit",
            referrer_organisation="Sociaal Team Rijnvliet",
            reason_stuck=(
                "Net uit Curaçao, doof en beheerst geen gebarentaal. Elke instantie verwijst "
                "door omdat communiceren niet lukt; ondertussen lopen de schulden op."
            ),
            domains=[D.FINANCES, D.WORK_EDUCATION, D.PHYSICAL_HEALTH, D.DOMESTIC_RELATIONS],
            urgency="hoog",
        )
        add_communication_need(
            case=case,
            by=self.users["mila"],
            kind=CommunicationNeedKind.DEAF,
            detail="Volledig doof; schrijven op papier of tablet werkt",
        )
        add_communication_need(
            case=case,
            by=self.users["mila"],
            kind=CommunicationNeedKind.SIGN_LANGUAGE,
            detail="Leert Nederlandse Gebarentaal; tolk via GGD",
        )
        add_communication_need(
            case=case,
            by=self.users["mila"],
            kind=CommunicationNeedKind.LANGUAGE,
            detail="Papiamento",
        )
        add_network_person(
            case=case,
            by=self.users["mila"],
            name="Gilbert Statia",
            relation="broer",
            phone="06-10000001",
        )
        self.start(
            case,
            "mila",
            [
                ("sanne", "Inkomensconsulent"),
                ("ahmed", "Werkcoach"),
                ("daan", "Schuldhulpverlener"),
            ],
        )
        self.do_intake(
            case,
            "mila",
            {
                D.FINANCES: ("Ik heb brieven met rekeningen die ik niet begrijp.", 1, 1),
                D.WORK_EDUCATION: ("Ik wil werken, maar niemand kan met mij praten.", 2, 2),
                D.PHYSICAL_HEALTH: ("Mijn diabetes is niet goed ingesteld.", 3, 2),
                D.DOMESTIC_RELATIONS: ("Het is krap en gespannen thuis bij mijn broer.", 4, 2),
            },
            ladder=2,
        )
        self.conversation(
            case,
            "mila",
            kind="eerste",
            days_ago=24,
            network=True,
            users=["mila", "sanne", "ahmed", "daan"],
            others=("Tolk GGD",),
            notes="Ricardo vertelde via de tolk wat hij nodig heeft. Hij wil vooral werken.",
            decisions="Uitkering aanvragen, financieel overzicht maken, jobcoach inzetten.",
        )
        goals = {
            D.FINANCES: add_goal(
                case=case,
                by=self.users["mila"],
                domain=D.FINANCES,
                description="Ik heb inkomen en overzicht over mijn schulden.",
            ),
            D.WORK_EDUCATION: add_goal(
                case=case,
                by=self.users["ahmed"],
                domain=D.WORK_EDUCATION,
                description="Ik heb werk dat past bij mijn doofheid.",
            ),
            D.DOMESTIC_RELATIONS: add_goal(
                case=case,
                by=self.users["mila"],
                domain=D.DOMESTIC_RELATIONS,
                description="Mijn broer krijgt hulp als mantelzorger.",
            ),
        }
        today = self.now.date()
        actions = [
            (
                D.FINANCES,
                "Uitkering aanvragen met tolk",
                OwnerKind.PROFESSIONAL,
                "sanne",
                -10,
                ActionStatus.DONE,
            ),
            (
                D.FINANCES,
                "Financieel overzicht maken van alle brieven",
                OwnerKind.PROFESSIONAL,
                "daan",
                -3,
                ActionStatus.DOING,
            ),
            (
                D.FINANCES,
                "Alle post in de map bewaren en meenemen",
                OwnerKind.RESIDENT,
                None,
                5,
                ActionStatus.TODO,
            ),
            (
                D.WORK_EDUCATION,
                "Jobcoach aanvragen bij een jobcoachorganisatie voor doven",
                OwnerKind.PROFESSIONAL,
                "ahmed",
                7,
                ActionStatus.TODO,
            ),
            (
                D.WORK_EDUCATION,
                "Beoordeling arbeidsvermogen bij UWV aanvragen",
                OwnerKind.PROFESSIONAL,
                "ahmed",
                -2,
                ActionStatus.TODO,
            ),
            (
                D.WORK_EDUCATION,
                "Starten met cursus Nederlandse Gebarentaal",
                OwnerKind.RESIDENT,
                None,
                14,
                ActionStatus.TODO,
            ),
            (
                D.DOMESTIC_RELATIONS,
                "Mantelzorgondersteuning voor Gilbert regelen",
                OwnerKind.PROFESSIONAL,
                "mila",
                10,
                ActionStatus.TODO,
            ),
        ]
        for domain, text, kind, owner, due, status in actions:
            action = add_action(
                case=case,
                by=self.users["mila"],
                description=text,
                owner_kind=kind,
                owner_user=self.users[owner] if owner else None,
                goal=goals[domain],
                due_date=today + dt.timedelta(days=due),
            )
            if status != ActionStatus.TODO:
                set_action_status(action=action, by=self.users["mila"], status=status)
        agree_plan(case=case, by=self.users["mila"], resident_agreed=True)
        self.call_done(case, "mila", "Ricardo heeft via berichtjes laten weten dat het goed gaat.")
        self.conversation(
            case,
            "mila",
            kind="vervolg",
            days_ago=10,
            users=["mila", "sanne", "ahmed"],
            others=("Tolk GGD",),
            notes="Uitkering is aangevraagd. Ricardo is gestart met de gebarentaalcursus.",
            decisions="Daan maakt het overzicht af; Ahmed vraagt de UWV-beoordeling aan.",
        )
        self.plan_next(case, "mila", in_days=4, users=["mila", "sanne", "ahmed", "daan"])

    def divorced_mother(self) -> None:
        case = self.register(
            "joyce",
            first_name="Sandra",
            last_name="Verbeek",
            date_of_birth=dt.date(1986, 9, 2),
            street="Lindelaan 40",
            postcode="3990 AA",
            city="Rijnvliet",
            channel="woningcorporatie",
            referrer_name="Anouk Smit",
            referrer_organisation="Woonstichting De Oever",
            referrer_contact="06-10000002",
            reason_stuck=(
                "Na de scheiding huurachterstand; de woning staat op het spel. Wachtlijst bij "
                "het sociaal team, twee kinderen thuis."
            ),
            domains=[D.HOUSING, D.FINANCES, D.DOMESTIC_RELATIONS],
        )
        add_network_person(
            case=case,
            by=self.users["joyce"],
            name="Ellen Verbeek",
            relation="moeder",
            phone="06-10000003",
        )
        self.start(case, "joyce", [("daan", "Schuldhulpverlener"), ("mila", "Consulent jeugd")])
        self.do_intake(
            case,
            "joyce",
            {
                D.HOUSING: ("Ik wil met de kinderen in ons huis blijven.", 1, 2),
                D.FINANCES: ("De huur is te hoog sinds de scheiding.", 2, 1),
                D.DOMESTIC_RELATIONS: (
                    "Afspraken met mijn ex over de kinderen lopen stroef.",
                    3,
                    3,
                ),
            },
            ladder=3,
        )
        self.conversation(
            case,
            "joyce",
            kind="eerste",
            days_ago=3,
            network=True,
            users=["joyce", "daan", "mila"],
            notes="Sandra wil vooral rust voor de kinderen. Woonstichting wacht met ontruiming.",
            decisions="Betalingsregeling voorstellen; ouderschapsplan opstellen met mediator.",
        )
        goal = add_goal(
            case=case,
            by=self.users["joyce"],
            domain=D.HOUSING,
            description="We blijven in ons huis wonen.",
        )
        add_action(
            case=case,
            by=self.users["joyce"],
            goal=goal,
            owner_kind=OwnerKind.PROFESSIONAL,
            owner_user=self.users["daan"],
            due_date=self.now.date() + dt.timedelta(days=3),
            description="Betalingsregeling voorstellen aan Woonstichting De Oever",
        )
        add_goal(
            case=case,
            by=self.users["joyce"],
            domain=D.DOMESTIC_RELATIONS,
            description="Er is een ouderschapsplan waar we ons allebei aan houden.",
        )

    def former_entrepreneur(self) -> None:
        case = self.register(
            "sanne",
            first_name="Erik",
            last_name="Hoogland",
            date_of_birth=dt.date(1975, 1, 23),
            has_no_address=True,
            address_note="Slaapt bij oom en tante op de bank",
            channel="wil",
            referrer_name="Sanne Kuipers",
            referrer_organisation="Werk en Inkomen Lekland",
            reason_stuck=(
                "Failliet als ondernemer. Zonder adres geen uitkering, zonder inkomen geen "
                "woning: hij loopt van het kastje naar de muur."
            ),
            domains=[D.HOUSING, D.FINANCES, D.MENTAL_HEALTH],
            urgency="hoog",
        )
        self.start(case, "sanne", [("daan", "Schuldhulpverlener"), ("joyce", "Welzijnsconsulent")])
        self.do_intake(
            case,
            "sanne",
            {
                D.HOUSING: ("Ik heb een adres nodig, dan kan de rest weer.", 1, 1),
                D.FINANCES: ("Er liggen nog schulden van de zaak.", 2, 1),
                D.MENTAL_HEALTH: ("Ik slaap slecht en schaam me.", 3, 3),
            },
            ladder=2,
        )
        when = self.days_ago(-2, hour=10)
        plan_conversation(
            case=case,
            by=self.users["sanne"],
            kind="eerste",
            mode="fysiek",
            scheduled_at=when,
            location="Gemeentehuis Rijnvliet, spreekkamer 1",
            participants=Participants(
                resident=True,
                user_ids=frozenset(self.users[u].pk for u in ("sanne", "daan", "joyce")),
            ),
            resident_agreed=True,
        )

    def young_school_leaver(self) -> None:
        case = self.register(
            "fenna",
            first_name="Noah",
            last_name="Bakker",
            date_of_birth=dt.date(2007, 6, 30),
            street="Kerkweg 3",
            postcode="3990 AB",
            city="Rijnvliet",
            channel="leerplicht",
            referrer_name="Leerplichtambtenaar Rijnvliet",
            referrer_organisation="Gemeente Rijnvliet",
            reason_stuck="Gestopt met de opleiding, geen startkwalificatie, zit veel thuis.",
            domains=[D.WORK_EDUCATION, D.DAYTIME_ACTIVITIES],
        )
        add_communication_need(
            case=case,
            by=self.users["fenna"],
            kind=CommunicationNeedKind.READING,
            detail="Liever bellen of appen dan lange brieven",
        )
        intake.start_intake(case=case, by=self.users["fenna"])

    def new_registration_from_gp(self) -> None:
        self.register(
            "mila",
            first_name="Yasmina",
            last_name="el Khatib",
            date_of_birth=dt.date(1979, 11, 5),
            street="Molenstraat 18",
            postcode="3991 CD",
            city="Rijnvliet",
            channel="huisarts",
            referrer_name="Praktijkondersteuner GGZ",
            referrer_organisation="Huisartsenpraktijk Rijnvliet",
            reason_stuck="Somber, betalingsachterstanden, durft de post niet meer open te maken.",
            domains=[D.MENTAL_HEALTH, D.FINANCES],
        )
        # The same mother registered again by the benefits agency: flagged as a possible
        # duplicate for the team to decide on.
        self.register(
            "sanne",
            first_name="Sandra",
            last_name="Verbeek",
            date_of_birth=dt.date(1986, 9, 2),
            street="Lindelaan 40",
            postcode="3990 AA",
            city="Rijnvliet",
            channel="wil",
            reason_stuck="Vraagt bijzondere bijstand aan voor huurachterstand.",
            domains=[D.FINANCES],
        )

    def _to_closing(
        self,
        case: Case,
        by: str,
        rows: Mapping[Any, tuple[str, int, int]],
        goals: list[tuple[str, str, str]],
    ) -> None:
        self.do_intake(case, by, rows, ladder=2)
        self.conversation(
            case,
            by,
            kind="eerste",
            days_ago=60,
            users=[by, "sanne"],
            notes="Kennismaking aan tafel.",
            decisions="Plan opgesteld.",
        )
        for domain, text, owner in goals:
            goal = add_goal(case=case, by=self.users[by], domain=domain, description=text)
            action = add_action(
                case=case,
                by=self.users[by],
                goal=goal,
                owner_kind=OwnerKind.PROFESSIONAL,
                owner_user=self.users[owner],
                description=f"Regelen: {text.lower()}",
                due_date=self.now.date() - dt.timedelta(days=30),
            )
            set_action_status(action=action, by=self.users[by], status=ActionStatus.DONE)
        agree_plan(case=case, by=self.users[by], resident_agreed=True)
        self.call_done(case, by, "Alles helder, volgende gesprek staat.")
        closing.start_closing(case=case, by=self.users[by])

    def closed_case(self) -> None:
        case = self.register(
            "mila",
            first_name="Henk",
            last_name="Dijkhuis",
            date_of_birth=dt.date(1968, 4, 17),
            has_no_address=True,
            address_note="Tijdelijk in de nachtopvang",
            channel="schuldhulpmaatje",
            referrer_name="Schuldhulpmaatje Rijnvliet",
            reason_stuck="Geen woning, geen inkomen, schulden; 'waar moet ik zijn?'",
            domains=[D.HOUSING, D.FINANCES],
        )
        self.start(case, "mila", [("sanne", "Inkomensconsulent"), ("ahmed", "Werkcoach")])
        rows = {
            D.HOUSING: ("Ik wil een eigen plek.", 1, 1),
            D.FINANCES: ("Ik heb geen inkomen.", 2, 1),
        }
        self._to_closing(
            case,
            "mila",
            rows,
            [
                (D.HOUSING, "Ik heb een eigen woning.", "mila"),
                (D.FINANCES, "Ik heb een uitkering.", "sanne"),
            ],
        )
        goals = list(case.goals.all())
        closing.save_closing(
            case=case,
            by=self.users["mila"],
            data=ClosingInput(
                goal_outcomes={g.pk: GoalOutcomeInput(outcome=GoalOutcome.REACHED) for g in goals},
                results={
                    self.results[n].pk: ""
                    for n in ("Uitkering geregeld", "Urgentie afgegeven")
                    if n in self.results
                },
                zrm_scores={D.HOUSING: 4, D.FINANCES: 3},
                ladder_at_closing=3,
                evaluation_resident=(
                    "Eindelijk zat iedereen aan één tafel. Ik heb de touwtjes weer in handen."
                ),
                evaluation_team="Snel geschakeld dankzij urgentie en uitkering tegelijk.",
                handover_to="Ahmed Bouzid, werkcoach Werktafel Rijnvliet",
                handover_agreements=(
                    "Tweewekelijks contact over werk; terugkoppeling aan Mila na 3 maanden."
                ),
            ),
        )
        closing.close_case(case=case, by=self.users["mila"])

    def closing_case(self) -> None:
        case = self.register(
            "ahmed",
            first_name="Marloes",
            last_name="Terpstra",
            date_of_birth=dt.date(1994, 2, 8),
            street="Havenkade 7",
            postcode="3992 EF",
            city="Rijnvliet",
            channel="werktafel",
            reason_stuck="Uitval door burn-out; werk en inkomen lopen door elkaar heen.",
            domains=[D.WORK_EDUCATION, D.FINANCES],
        )
        self.start(case, "ahmed", [("sanne", "Inkomensconsulent")])
        self._to_closing(
            case,
            "ahmed",
            {
                D.WORK_EDUCATION: ("Ik wil stap voor stap weer aan het werk.", 1, 2),
                D.FINANCES: ("Mijn inkomen moet zeker zijn.", 2, 2),
            },
            [(D.WORK_EDUCATION, "Ik werk weer 16 uur per week.", "ahmed")],
        )


def load_demo() -> bool:
    """Loads the demo set once. Returns False when it was already there."""
    if demo_loaded():
        return False
    DemoBuilder().build()
    load_budget_demo()
    load_effects_demo(team_name=DEMO_TEAM)
    return True


__all__ = ["DEMO_PASSWORD", "CaseStatus", "ConversationStatus", "demo_logins", "load_demo"]
