"""Rows of the later features, per case: consent versions and legal bases (read by the
access check on every page), budget requests, deviations and the effects timelines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opkoers.accounts.models import Role
from opkoers.budgets.models import RequestStatus
from opkoers.consent.models import ConsentMethod, LegalBasisStatus
from opkoers.datagen.activity import ActivityMaker
from opkoers.datagen.base import CLOSED, DAY, IN_PROGRESS, PLAN, Plan
from opkoers.datagen.names import (
    BREAKTHROUGHS,
    BUDGET_ITEMS,
    CONSENT_PURPOSES,
    DECIDERS,
    DEVIATIONS,
    LAWS,
    WITNESSES,
)
from opkoers.datagen.people import Person, TeamPeople
from opkoers.datagen.policies import PriceRow, team_cap_cents, team_requires_approval
from opkoers.deviations.models import DEFAULT_MANDATE, DeviationStatus
from opkoers.effects.models import Timeline
from opkoers.effects.services.proposal import TEAM_HOUR_ITEM

Out = dict[str, list[tuple[Any, ...]]]

# Shares. Consent: of the cases that reached intake.
CONSENT_SHARE = 0.9
SCOPE_CHANGE = 0.12  # a second version, e.g. when an organisation joined the table
WITHDRAWN = 0.03
EXPIRED = 0.03  # of the current versions of open cases; closed cases expire naturally
VALID_DAYS = 365
LEGAL_BASIS = 0.04
BUDGET_SHARE = 0.10  # of the cases with goals
DEVIATION_SHARE = 0.05  # of the running and closed cases with a plan
EFFECTS_SHARE = 0.20  # idem

METHODS = [ConsentMethod.SIGNED_FORM.value] * 6 + [
    ConsentMethod.DIGITAL.value,
    ConsentMethod.DIGITAL.value,
    ConsentMethod.VERBAL.value,
]
VERBAL = ConsentMethod.VERBAL.value
RS = RequestStatus
INTERVENTION_ITEMS = {
    "Tolk of vertaling (GGD)",
    "Jobcoach (begeleiding bij werk)",
    "Financieel overzicht en stabilisatie",
    "Schuldhulpverleningstraject",
    "Mantelzorgondersteuning",
    "Maatwerkbudget Op Koers",
    "Bijstandsuitkering",
    "Aanvraag uitkering (behandeling)",
}


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class FeatureMaker(ActivityMaker):
    def __init__(
        self, *, rules: Sequence[str] = (), price_items: Sequence[PriceRow] = (), **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.rules = list(rules)
        self.team_hour = next((p for p in price_items if p.name == TEAM_HOUR_ITEM), None)
        others = [p for p in price_items if p.name != TEAM_HOUR_ITEM]
        self.intervention_items = [p for p in others if p.name in INTERVENTION_ITEMS]
        self.reference_items = [
            p for p in others if p.name not in INTERVENTION_ITEMS or p.name == "Bijstandsuitkering"
        ]

    # --- consent --------------------------------------------------------------------

    def _consent(
        self,
        stamp: dict[int, int],
        end_day: int,
        case_id: str,
        resident_id: str,
        case_team: list[Person],
        team: TeamPeople,
        out: Out,
    ) -> None:
        """Registered cases have none (the referral phase). The current version covers
        the organisations of the whole case team, so the case team is covered."""
        if 1 not in stamp:
            return
        clock, r = self.clock, self.rng.random
        ts, today = clock.ts, clock.today
        contact = case_team[0]
        if r() < LEGAL_BASIS:
            member = case_team[int(r() * len(case_team))]
            if member.organisation:
                day = min(clock.day_of(stamp[1]) + int(r() * 20), end_day)
                at = ts(self.at(day))
                basis, motivation = LAWS[int(r() * len(LAWS))]
                leader = team.members[-1]  # the team's project leader approves
                out["legal_basis"].append(
                    (self.uid(), at, at, case_id, member.organisation, basis, motivation,
                     LegalBasisStatus.APPROVED.value, clock.day(day), clock.day(day + 365),
                     contact.id, clock.day(day), leader.id, Role.PROJECT_LEADER.value, at,
                     "", None, None, "")
                )  # fmt: skip
        if r() >= CONSENT_SHARE:
            return
        first = min(clock.day_of(stamp[1]) + int(r() * 8), end_day)
        given = [first]
        if r() < SCOPE_CHANGE and end_day - first > 20:
            given.append(first + 10 + int(r() * (end_day - first - 10)))
        while given[-1] + VALID_DAYS < end_day:  # renewed before it ran out
            given.append(given[-1] + VALID_DAYS - int(r() * 30))
        last = given[-1]
        valid_until = last + VALID_DAYS
        withdrawn = None
        roll = r()
        if roll < WITHDRAWN:
            withdrawn = last + int(r() * (min(today, valid_until) - last + 1))
        elif roll < WITHDRAWN + EXPIRED and end_day == today and today - last >= 2:
            valid_until = last + int(r() * min(VALID_DAYS, today - last))  # before today
        everyone = list(dict.fromkeys(p.organisation for p in case_team if p.organisation))
        earlier = list(dict.fromkeys(p.organisation for p in case_team[:2] if p.organisation))
        versions, links = out["consent"].append, out["consent_org"].append
        n = len(given)
        for number, day in enumerate(given, start=1):
            current = number == n
            version = self.uid()
            method = METHODS[int(r() * len(METHODS))]
            created = self.at(day)
            gone = withdrawn if current else None
            versions(
                (
                    version,
                    ts(created),
                    ts(self.at(gone)) if gone is not None else ts(created),
                    resident_id,
                    number,
                    current,
                    CONSENT_PURPOSES[int(r() * len(CONSENT_PURPOSES))],
                    method,
                    WITNESSES[int(r() * len(WITNESSES))] if method == VERBAL else "",
                    clock.day(day),
                    clock.day(valid_until if current else day + VALID_DAYS),
                    contact.id if r() < 0.8 else case_team[-1].id,
                    None if gone is None else clock.day(gone),
                    "" if gone is None else "De inwoner zelf",
                    None if gone is None else contact.id,
                )
            )
            for organisation in everyone if current else earlier:
                links((version, organisation))

    # --- budget requests ------------------------------------------------------------

    def _budget(
        self,
        plan: Plan,
        t: int,
        team: TeamPeople,
        stamp: dict[int, int],
        end_day: int,
        goals: list[tuple[str, str]],
        case_team: list[Person],
        case_id: str,
        out: Out,
    ) -> None:
        r = self.rng.random
        if not goals or r() >= BUDGET_SHARE:
            return
        clock, ts, today = self.clock, self.clock.ts, self.clock.today
        start = clock.day_of(stamp[PLAN])
        cap, committed = team_cap_cents(t), 0
        leader = team.members[-1]
        is_open = plan.step != CLOSED
        append = out["budget_request"].append
        for _ in range(1 + (r() < 0.3)):
            purpose, payee, low, high = BUDGET_ITEMS[int(r() * len(BUDGET_ITEMS))]
            cents = self.rng.randint(low, high) * 100 + (int(r() * 100) if r() < 0.3 else 0)
            requester = case_team[0] if r() < 0.7 else case_team[int(r() * len(case_team))]
            decider = leader if leader.id != requester.id else team.members[-2]
            day = start + int(r() * (end_day - start + 1))
            requested = self.at(day)
            roll = r()
            if is_open and day > today - 14:
                status = RS.MORE_INFO if roll < 0.25 and day <= today - 2 else RS.REQUESTED
            elif roll < 0.55:
                status = RS.PAID
            elif roll < 0.75:
                status = RS.APPROVED
            elif roll < 0.9:
                status = RS.REJECTED
            else:
                status = RS.WITHDRAWN
            decided = decided_day = None
            if status not in (RS.REQUESTED, RS.WITHDRAWN):
                decided_day = min(day + 1 + int(r() * 10), today)
                decided = max(self.at(decided_day), requested + 60)
            committed_now = status in (RS.APPROVED, RS.PAID)
            override = committed_now and committed + cents > cap
            if committed_now:
                committed += cents
            paid_day = None
            if status == RS.PAID and decided_day is not None:
                paid_day = min(decided_day + 1 + int(r() * 14), today)
            note = ""
            if status == RS.REJECTED:
                note = "Hiervoor is een voorliggende voorziening; die is samen aangevraagd."
            elif status == RS.MORE_INFO:
                note = "Graag een offerte of factuur erbij."
            append(
                (
                    self.uid(),
                    ts(requested),
                    ts(decided if decided is not None else requested),
                    case_id,
                    team.id,
                    goals[int(r() * len(goals))][0],
                    _money(cents),
                    purpose,
                    payee,
                    BREAKTHROUGHS[int(r() * len(BREAKTHROUGHS))],
                    status.value,
                    requester.id,
                    ts(requested),
                    decider.id if decided is not None else None,
                    ts(decided) if decided is not None else None,
                    note,
                    int(clock.day(decided_day)[:4]) if committed_now and decided_day else None,
                    override,
                    "Eenmalig hoger bedrag voorkomt een huisuitzetting." if override else "",
                    clock.day(paid_day) if paid_day is not None else None,
                    f"OK-BUDGET-{self.rng.randrange(100_000, 999_999)}" if paid_day else "",
                    decider.id if paid_day is not None else None,
                )
            )

    # --- deviations -----------------------------------------------------------------

    def _deviations(
        self,
        plan: Plan,
        t: int,
        team: TeamPeople,
        stamp: dict[int, int],
        end_day: int,
        case_team: list[Person],
        case_id: str,
        out: Out,
    ) -> None:
        r = self.rng.random
        if not self.rules or r() >= DEVIATION_SHARE:
            return
        clock, ts, today = self.clock, self.clock.ts, self.clock.today
        start = clock.day_of(stamp[IN_PROGRESS])
        leader = team.members[-1]
        for _ in range(1 + (r() < 0.2)):
            day = start + int(r() * (end_day - start + 1))
            created = self.at(day)
            registrar = case_team[0] if r() < 0.8 else case_team[int(r() * len(case_team))]
            approver = leader if leader.id != registrar.id else team.members[-2]
            what, why = DEVIATIONS[int(r() * len(DEVIATIONS))]
            approved_at = None
            if not team_requires_approval(t):
                status = DeviationStatus.REGISTERED
            elif plan.step != CLOSED and day > today - 7:
                status = DeviationStatus.PENDING
            else:
                status = DeviationStatus.APPROVED if r() < 0.85 else DeviationStatus.REJECTED
                approved_at = min(created + 3600 + int(r() * 4 * DAY), self.clock.now - 30)
            rejected = status == DeviationStatus.REJECTED
            out["deviation"].append(
                (
                    self.uid(),
                    ts(created),
                    ts(approved_at or created),
                    case_id,
                    team.id,
                    self.rules[int(r() * len(self.rules))],
                    what,
                    why,
                    DEFAULT_MANDATE,
                    DECIDERS[int(r() * len(DECIDERS))],
                    clock.day(day),
                    r() < 0.4,
                    status.value,
                    registrar.id,
                    approver.id if approved_at is not None else None,
                    ts(approved_at) if approved_at is not None else None,
                    "Dit past binnen de gewone regeling; geen afwijking nodig." if rejected else "",
                )
            )

    # --- effects --------------------------------------------------------------------

    def _effects(
        self,
        stamp: dict[int, int],
        end_day: int,
        held: list[tuple[str, int]],
        contact: Person,
        case_id: str,
        out: Out,
    ) -> None:
        """Team time for held conversations (as the proposal service makes it) and a few
        priced lines on both timelines; amount = quantity × unit price, exactly."""
        r = self.rng.random
        if r() >= EFFECTS_SHARE:
            return
        clock, ts = self.clock, self.clock.ts
        start = clock.day_of(stamp[IN_PROGRESS])
        append = out["effect"].append
        created = ts(self.at(end_day))
        hour = self.team_hour
        if hour is not None:
            for conversation, day in held[-6:]:
                append(
                    (self.uid(), created, created, case_id, Timeline.INTERVENTION.value, hour.id,
                     "3.00", _money(hour.cents), _money(3 * hour.cents), hour.payer,
                     clock.day(day), "Gesprek: 2 professionals × 1,5 uur", conversation,
                     contact.id)
                )  # fmt: skip
        for timeline, pool, low in (
            (Timeline.INTERVENTION.value, self.intervention_items, 1),
            (Timeline.REFERENCE.value, self.reference_items, 2),
        ):
            if not pool:
                continue
            for _ in range(low + int(r() * 3)):
                item = pool[int(r() * len(pool))]
                quantity = self._quantity(item.unit)
                day = start + int(r() * (end_day - start + 1))
                append(
                    (self.uid(), created, created, case_id, timeline, item.id, f"{quantity}.00",
                     _money(item.cents), _money(quantity * item.cents), item.payer,
                     clock.day(day), "", None, contact.id)
                )  # fmt: skip

    def _quantity(self, unit: str) -> int:
        randint = self.rng.randint
        if unit.startswith("per uur"):
            return randint(2, 20)
        if unit.startswith("per maand"):
            return randint(1, 12)
        if unit.startswith("per dag"):
            return randint(1, 10)
        if unit.startswith("per euro"):
            return randint(50, 1500)
        return 1 if self.rng.random() < 0.8 else 2
