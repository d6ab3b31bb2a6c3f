"""The hot path: one case and everything hanging off it, as plain tuples.

Times are relative to the moment of generation so that the werkvoorraad always has work:
open cases have actions that are overdue, follow-up calls due today and conversations
planned this week. Closed cases lie in the past, up to about three years back."""

from __future__ import annotations

import itertools
from typing import Any

from opkoers.cases.models import AssessmentMoment
from opkoers.datagen.base import (
    BENCH_CONTACT_SHARE,
    CHANNELS,
    CLOSED,
    DOMAINS,
    DWELL,
    GAPS,
    IN_PROGRESS,
    N_FIRST,
    N_LAST,
    NEED_KINDS,
    PLAN,
    REF_ALPHABET,
    STEPS,
    URGENCIES,
    Plan,
    _opt,
    reference,
)
from opkoers.datagen.features import FeatureMaker
from opkoers.datagen.names import (
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    REASONS_STUCK,
    RELATIONS,
    STREETS,
)


class CaseMaker(FeatureMaker):
    # --- one case -------------------------------------------------------------------

    def make(self, i: int, plan: Plan, out: dict[str, list[tuple[Any, ...]]]) -> None:
        rng, clock = self.rng, self.clock
        r = rng.random
        ts = clock.ts
        team = self.teams[i % len(self.teams)]
        members = team.members
        days = self._milestones(plan)
        end_day = days[-1] if plan.step == CLOSED else clock.today
        registered = self.at(days[0])

        resident_id = self.uid()
        first, last = FIRST_NAMES[int(r() * N_FIRST)], LAST_NAMES[int(r() * N_LAST)]
        no_address = r() < 0.08
        out["resident"].append(
            (
                resident_id,
                ts(registered),
                ts(registered),
                team.id,
                first,
                last,
                f"{rng.randrange(1945, 2007)}-{1 + int(r() * 12):02d}-{1 + int(r() * 28):02d}",
                f"06-{rng.randrange(10_000_000, 99_999_999)}",
                no_address,
                "" if no_address else f"{STREETS[int(r() * len(STREETS))]} {rng.randrange(1, 250)}",
                "" if no_address else f"{rng.randrange(1000, 9999)} {REF_ALPHABET[i % 20]}K",
                "" if no_address else CITIES[int(r() * len(CITIES))],
                "Verblijft bij familie; post via het wijkteam." if no_address else "",
                f"{first} {last}".lower(),
            )
        )
        network = []
        if r() < 0.35:
            for _ in range(1 + (r() < 0.3)):
                person = self.uid()
                network.append(person)
                name = f"{FIRST_NAMES[int(r() * N_FIRST)]} {last}"
                out["network"].append(
                    (person, resident_id, name, RELATIONS[int(r() * len(RELATIONS))], "06-12345678")
                )
        if r() < 0.08:
            out["need"].append(
                (self.uid(), resident_id, NEED_KINDS[int(r() * len(NEED_KINDS))], "")
            )

        # The case team: a contact person with a backup, and one to three others.
        if team is self.teams[0] and r() < BENCH_CONTACT_SHARE:
            contact = self.bench
            others = rng.sample(members[1:], 1 + int(r() * 3))
        else:
            picked = rng.sample(members, 2 + int(r() * 3))
            contact, others = picked[0], picked[1:]
        case_team = [contact, *others]
        step_stamps = [self.at(d) for d in days]
        path = self._path(plan)
        stamp = dict(zip(path, step_stamps, strict=True))
        case_id = self.uid()
        updated = step_stamps[-1]
        year = clock.day(days[0])[:4]
        out["case"].append(
            (
                case_id,
                ts(registered),
                ts(updated),
                team.id,
                resident_id,
                reference(i, year),
                STEPS[plan.step].value,
                ts(registered),
                contact.id,
                CHANNELS[int(r() * len(CHANNELS))],
                ""
                if r() < 0.3
                else f"{FIRST_NAMES[int(r() * N_FIRST)]} {LAST_NAMES[int(r() * N_LAST)]}",
                "",
                REASONS_STUCK[int(r() * len(REASONS_STUCK))],
                URGENCIES[int(r() * len(URGENCIES))],
                rng.randint(1, 5) if 2 in stamp else None,
                rng.randint(1, 6) if plan.step == CLOSED and plan.stopped_from < 0 else None,
                _opt(ts, stamp.get(2)),
                _opt(ts, stamp.get(3)),
                _opt(ts, stamp.get(4)),
                _opt(ts, stamp.get(6)),
            )
        )
        case_domains = rng.sample(DOMAINS, 2 + int(r() * 3))
        for d in case_domains:
            out["case_domain"].append((case_id, d))
        out["case_member"].append(
            (self.uid(), case_id, contact.id, contact.role_on_case, True, others[0].id)
        )
        for other in others:
            out["case_member"].append(
                (self.uid(), case_id, other.id, other.role_on_case, False, None)
            )
        previous = ""
        for step, seconds in zip(path, step_stamps, strict=True):
            reason = ""
            if step == CLOSED and plan.stopped_from >= 0:
                reason = "De inwoner ziet af van verdere hulp."
            out["transition"].append(
                (case_id, previous, STEPS[step].value, ts(seconds), contact.id, reason)
            )
            previous = STEPS[step].value

        if 2 in stamp:
            closing = plan.step == CLOSED and plan.stopped_from < 0
            for priority, d in enumerate(case_domains, start=1):
                score = 1 + int(r() * 4)
                out["assessment"].append(
                    (self.uid(), case_id, AssessmentMoment.INTAKE.value, d,
                     "In mijn eigen woorden: het loopt vast.", priority, score)
                )  # fmt: skip
                if closing:
                    out["assessment"].append(
                        (self.uid(), case_id, AssessmentMoment.CLOSING.value, d, "",
                         priority, min(5, score + int(r() * 3)))
                    )  # fmt: skip

        held = self._conversations(plan, days, stamp, case_id, case_team, out)
        self._follow_ups(plan, held, case_id, contact, out)
        goals: list[tuple[str, str]] = []
        if plan.has_plan:
            goals = self._goals(plan, case_domains, stamp[PLAN], case_id, out)
        if plan.actions:
            start_day = clock.day_of(stamp[PLAN])
            self._actions(plan, start_day, end_day, goals, network, case_team, case_id, out)
        if plan.step == CLOSED:
            self._closure(plan, case_id, out)
        self._consent(stamp, end_day, case_id, resident_id, case_team, team, out)
        if goals:
            t = i % len(self.teams)
            self._budget(plan, t, team, stamp, end_day, goals, case_team, case_id, out)
            if plan.step >= IN_PROGRESS:
                self._deviations(plan, t, team, stamp, end_day, case_team, case_id, out)
                self._effects(stamp, end_day, held, contact, case_id, out)
        self._audit(plan.audit, registered, end_day, team, case_team, case_id, resident_id, out)

    # --- timeline -------------------------------------------------------------------

    def _path(self, plan: Plan) -> list[int]:
        if plan.stopped_from >= 0:
            return [*range(plan.stopped_from + 1), CLOSED]
        return list(range(plan.step + 1))

    def _milestones(self, plan: Plan) -> list[int]:
        """Day indexes on which the case entered each step of its path."""
        rng, today = self.rng, self.clock.today
        path = self._path(plan)
        gaps = []
        for prev, step in itertools.pairwise(path):
            low, high = GAPS[step] if step == prev + 1 else (3, 30)
            gaps.append(rng.randint(low, high))
        if plan.step == CLOSED:
            last = today - rng.randint(1, 700)
        else:
            low, high = DWELL[plan.step]
            last = today - rng.randint(low, high)
        days = [last]
        for gap in reversed(gaps):
            days.append(days[-1] - gap)
        days.reverse()
        return days
