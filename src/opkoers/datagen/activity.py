"""Rows that hang off a case over its life: conversations, follow-up calls, the plan,
the closure and the audit trail."""

from __future__ import annotations

from typing import Any

from opkoers.audit.chain import compute_mac
from opkoers.datagen.base import (
    AUDIT_TABLE,
    CLOSED,
    DAY,
    IN_PROGRESS,
    IP_POOL,
    MODES,
    STOP_REASONS,
    MakerBase,
    Plan,
    _opt,
)
from opkoers.datagen.names import ACTIONS, GOALS, NOTES
from opkoers.datagen.people import Person, TeamPeople
from opkoers.meetings.models import (
    ConversationKind,
    ConversationStatus,
    FollowUpStatus,
    ParticipantKind,
)
from opkoers.plans.models import ActionStatus, GoalOutcome, OwnerKind


class ActivityMaker(MakerBase):
    def _conversations(
        self,
        plan: Plan,
        days: list[int],
        stamp: dict[int, int],
        case_id: str,
        case_team: list[Person],
        out: dict[str, list[tuple[Any, ...]]],
    ) -> list[tuple[str, int]]:
        """Returns the held conversations (id, day) for their follow-up calls."""
        rng, clock, today = self.rng, self.clock, self.clock.today
        events: list[tuple[ConversationKind, int, bool]] = []  # kind, seconds, held
        if 2 in stamp and 3 not in stamp and plan.stopped_from < 0:
            # Waiting for the first conversation: planned in the coming two weeks.
            events.append((ConversationKind.FIRST, self.slot(today + rng.randint(-1, 13)), False))
        if 3 in stamp:
            events.append((ConversationKind.FIRST, stamp[3] - 3600, True))
        if IN_PROGRESS in stamp:
            start = clock.day_of(stamp[IN_PROGRESS])
            end = clock.day_of(stamp[CLOSED]) - 1 if CLOSED in stamp else today
            last = end - rng.randint(0, 13)
            held_days = [d for d in range(last, start, -14)][:6]
            for d in reversed(held_days):
                events.append((ConversationKind.FOLLOW_UP, self.at(d), True))
            if plan.step == IN_PROGRESS:
                events.append((ConversationKind.FOLLOW_UP, self.slot(last + 14), False))
            elif plan.step == 5:
                events.append(
                    (ConversationKind.CLOSING, self.slot(today + rng.randint(0, 14)), False)
                )
            elif CLOSED in stamp:
                events.append((ConversationKind.CLOSING, stamp[CLOSED] - 3600, True))
        held: list[tuple[str, int]] = []
        ts = clock.ts
        contact, second = case_team[0], case_team[1]
        for kind, seconds, is_held in events:
            conversation = self.uid()
            planned = seconds - 10 * DAY
            out["conversation"].append(
                (
                    conversation,
                    ts(planned),
                    ts(seconds if is_held else planned),
                    case_id,
                    kind.value,
                    MODES[int(rng.random() * len(MODES))],
                    (ConversationStatus.HELD if is_held else ConversationStatus.PLANNED).value,
                    ts(seconds),
                    "Wijkcentrum De Schakel, zaal 2",
                    True,
                    NOTES[int(rng.random() * len(NOTES))] if is_held else "",
                    "Zie de acties in het Samen1plan." if is_held else "",
                    ts(seconds) if is_held else None,
                    contact.id,
                )
            )
            participant = out["participant"].append
            participant((self.uid(), conversation, ParticipantKind.RESIDENT.value, None, ""))
            participant(
                (self.uid(), conversation, ParticipantKind.PROFESSIONAL.value, contact.id, "")
            )
            participant(
                (self.uid(), conversation, ParticipantKind.PROFESSIONAL.value, second.id, "")
            )
            if is_held:
                held.append((conversation, clock.day_of(seconds)))
        return held

    def _follow_ups(
        self,
        plan: Plan,
        held: list[tuple[str, int]],
        case_id: str,
        contact: Person,
        out: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        rng, clock, today, ts = self.rng, self.clock, self.clock.today, self.clock.ts
        for conversation, day in held:
            due = self.working_days_after(day, 3)
            if due >= today and plan.step != CLOSED:
                status = FollowUpStatus.OPEN
            else:
                roll = rng.random()
                if plan.step == CLOSED or roll < 0.85:
                    status = FollowUpStatus.DONE
                elif roll < 0.9:
                    status = FollowUpStatus.NOT_REACHED
                else:
                    status = FollowUpStatus.OPEN  # forgotten: overdue on the werkvoorraad
            done = status != FollowUpStatus.OPEN
            done_at = self.at(min(due, today)) if done else None
            out["follow_up"].append(
                (
                    self.uid(),
                    ts(self.at(day)),
                    ts(done_at or self.at(day)),
                    case_id,
                    conversation,
                    contact.id,
                    clock.day(due),
                    status.value,
                    "Gebeld; de afspraken lopen." if status == FollowUpStatus.DONE else "",
                    _opt(ts, done_at),
                    contact.id if done else None,
                )
            )

    # --- plan -----------------------------------------------------------------------

    def _goals(
        self,
        plan: Plan,
        domains: list[str],
        plan_started: int,
        case_id: str,
        out: dict[str, list[tuple[Any, ...]]],
    ) -> list[tuple[str, str]]:
        closed = plan.step == CLOSED
        outcomes = ["bereikt", "bereikt", "deels", "niet_bereikt"]
        goals = []
        created = self.clock.ts(plan_started)
        for priority, domain in enumerate(domains, start=1):
            goal = self.uid()
            goals.append((goal, domain))
            outcome = outcomes[int(self.rng.random() * 4)] if closed else GoalOutcome.OPEN.value
            out["goal"].append(
                (goal, created, case_id, domain, GOALS[domain], priority, outcome,
                 "Samen met de inwoner beoordeeld." if closed else "")
            )  # fmt: skip
        return goals

    def _actions(
        self,
        plan: Plan,
        start_day: int,
        end_day: int,
        goals: list[tuple[str, str]],
        network: list[str],
        case_team: list[Person],
        case_id: str,
        out: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        rng, clock, today, ts = self.rng, self.clock, self.clock.today, self.clock.ts
        r = rng.random
        closed = plan.step == CLOSED
        span = max(1, end_day - start_day)
        n_goals, n_team = len(goals), len(case_team)
        append = out["action"].append
        contact = case_team[0].id
        for _ in range(plan.actions):
            created_day = start_day + int(r() * span)
            due = created_day + 7 + int(r() * 53)
            roll = r()
            if closed:
                status = ActionStatus.DONE if roll < 0.85 else ActionStatus.CANCELLED
            elif due < today:
                # Most past-due actions got done; about one in six is overdue.
                status = (
                    ActionStatus.DONE
                    if roll < 0.78
                    else ActionStatus.CANCELLED
                    if roll < 0.84
                    else ActionStatus.TODO
                    if roll < 0.94
                    else ActionStatus.DOING
                )
            else:
                status = (
                    ActionStatus.TODO
                    if roll < 0.55
                    else ActionStatus.DOING
                    if roll < 0.9
                    else ActionStatus.DONE
                )
            owner = r()
            owner_user = owner_network = None
            if owner < 0.3:
                kind = OwnerKind.RESIDENT.value
            elif owner < 0.35 and network:
                kind = OwnerKind.NETWORK.value
                owner_network = network[0]
            else:
                kind = OwnerKind.PROFESSIONAL.value
                # The contact person carries the most actions.
                owner_user = contact if r() < 0.5 else case_team[int(r() * n_team)].id
            created = self.at(created_day)
            completed = (
                self.at(min(due, today, created_day + 1 + int(r() * 30)))
                if status == ActionStatus.DONE
                else None
            )
            goal = goals[int(r() * n_goals)][0] if n_goals and r() < 0.9 else None
            append(
                (
                    self.uid(),
                    ts(created),
                    ts(max(created, completed or created)),
                    case_id,
                    goal,
                    ACTIONS[int(r() * len(ACTIONS))],
                    kind,
                    owner_user,
                    owner_network,
                    clock.day(due),
                    status.value,
                    _opt(ts, completed),
                    contact,
                )
            )

    def _closure(self, plan: Plan, case_id: str, out: dict[str, list[tuple[Any, ...]]]) -> None:
        rng = self.rng
        if plan.stopped_from >= 0:
            out["closure"].append(
                (self.uid(), case_id, "", "", "", "", "De inwoner wilde niet meer.", True,
                 STOP_REASONS[int(rng.random() * len(STOP_REASONS))])
            )  # fmt: skip
            return
        handover = rng.random() < 0.6
        out["closure"].append(
            (
                self.uid(),
                case_id,
                "Ik weet nu bij wie ik terecht kan.",
                "Doelen grotendeels bereikt; warme overdracht geregeld.",
                "Werkcoach, Bench Werk 2" if handover else "",
                "Maandelijks contact in het eerste kwartaal." if handover else "",
                "",
                not handover,
                "",
            )
        )
        if self.result_kinds:
            for kind in rng.sample(
                self.result_kinds, min(len(self.result_kinds), int(rng.random() * 4))
            ):
                out["result"].append((self.uid(), case_id, kind, ""))

    # --- audit ----------------------------------------------------------------------

    def _audit(
        self,
        n: int,
        registered: int,
        end_day: int,
        team: TeamPeople,
        case_team: list[Person],
        case_id: str,
        resident_id: str,
        out: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        """Who looked at and changed the case over its life: mostly the case team, now
        and then a colleague from the same team."""
        if not n:
            return
        r = self.rng.random
        ts = self.clock.ts
        start = registered
        span = max(60, min(end_day * DAY + 16 * 3600, self.clock.now) - start)
        members, n_members, n_team = team.members, len(team.members), len(case_team)
        append = out["audit"].append
        case_text, resident_text = uuid_text(case_id), uuid_text(resident_id)
        for _ in range(n):
            actor = case_team[int(r() * n_team)] if r() < 0.8 else members[int(r() * n_members)]
            action, code = AUDIT_TABLE[int(r() * len(AUDIT_TABLE))]
            at = ts(start + int(r() * span))
            ip = IP_POOL[int(r() * len(IP_POOL))]
            # Chained as the audit sequencer does, in the order the rows are written
            # (one writer, COPY keeps row order), so verify_audit passes.
            self.audit_seq += 1
            row_hash = compute_mac(
                {
                    "at": at.replace(" ", "T") + "+00:00",
                    "actor_id": str(actor.id),
                    "actor_organisation_id": uuid_text(actor.organisation),
                    "actor_role": actor.role,
                    "action": action,
                    "code": code,
                    "case_id": case_text,
                    "resident_id": resident_text,
                    "object_type": "",
                    "object_id": "",
                    "purpose": "",
                    "ip_address": ip,
                    "detail": {},
                },
                key=self.audit_key[1],
                seq=self.audit_seq,
                key_id=self.audit_key[0],
                prev_hash=self.audit_prev,
            )
            append(
                (
                    at,
                    actor.id,
                    actor.organisation,
                    actor.role,
                    action,
                    code,
                    case_id,
                    resident_id,
                    ip,
                    self.audit_seq,
                    self.audit_key[0],
                    self.audit_prev,
                    row_hash,
                )
            )
            self.audit_prev = row_hash


def uuid_text(value: str | None) -> str | None:
    """The generator's 32-digit hex ids as the database returns them (str(UUID))."""
    if not value:
        return None
    value = str(value).replace("-", "")
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
