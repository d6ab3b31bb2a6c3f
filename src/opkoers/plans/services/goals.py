"""Goals: what matters to the resident, per life domain, in the resident's order.

Invariant: the goals of a case carry priorities 1..n without gaps, the goals that still
count first (in the resident's order), dropped goals after them. Every function here
restores that invariant before it commits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.models import Case
from opkoers.core.concurrency import check_version, save_versioned
from opkoers.core.models import LifeDomain
from opkoers.plans.models import OPEN_ACTION_STATUSES, Action, ActionStatus, Goal, GoalOutcome
from opkoers.plans.services._guard import lock_open_plan

if TYPE_CHECKING:
    from opkoers.accounts.models import User

MAX_DESCRIPTION = 2000


def _clean(*, domain: str, description: str) -> str:
    if domain not in LifeDomain.values:
        raise ValidationError(_("Kies een leefgebied uit de lijst."), code="domain")
    text = description.strip()
    if not text:
        raise ValidationError(
            _("Beschrijf het doel, het liefst in de woorden van de inwoner."), code="empty"
        )
    if len(text) > MAX_DESCRIPTION:
        raise ValidationError(
            _("Het doel is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": MAX_DESCRIPTION},
            code="too_long",
        )
    return text


def _split(case: Case) -> tuple[list[Goal], list[Goal]]:
    goals = list(Goal.objects.filter(case=case).order_by("priority", "created_at"))
    active = [g for g in goals if g.outcome != GoalOutcome.DROPPED]
    dropped = [g for g in goals if g.outcome == GoalOutcome.DROPPED]
    return active, dropped


def _store(active: list[Goal], dropped: list[Goal]) -> None:
    changed = []
    for number, goal in enumerate([*active, *dropped], start=1):
        if goal.priority != number:
            # A shifted priority is a change an open edit form of that goal must see.
            goal.priority = number
            goal.version += 1
            changed.append(goal)
    if changed:
        Goal.objects.bulk_update(changed, ["priority", "version"])


def _position(priority: int | None, count: int) -> int:
    """A 1-based place among `count` slots; out-of-range wishes go to the nearest end."""
    if priority is None:
        return count
    return min(max(priority, 1), count)


def _locked_goal(goal: Goal, case: Case) -> Goal:
    return Goal.objects.get(pk=goal.pk, case=case)


def add_goal(
    *, case: Case, by: User, domain: str, description: str, priority: int | None = None
) -> Goal:
    """Adds a goal at `priority` (1 = most important; None = last) and moves the goals
    from that place on one down."""
    text = _clean(domain=domain, description=description)
    with transaction.atomic():
        locked = lock_open_plan(case=case, by=by)
        active, dropped = _split(locked)
        place = _position(priority, len(active) + 1)
        goal = Goal.objects.create(case=locked, domain=domain, description=text, priority=place)
        active.insert(place - 1, goal)
        _store(active, dropped)
        record(
            actor=by,
            action=AuditAction.CREATE,
            code="plan.goal.create",
            case=locked,
            obj=goal,
            detail={"domain": domain, "priority": place},
        )
    return goal


def update_goal(
    *,
    goal: Goal,
    by: User,
    domain: str,
    description: str,
    priority: int | None = None,
    expected_version: int | None = None,
) -> Goal:
    """`expected_version` is the version the edit form showed: EditConflict when someone
    saved the goal since (compared under the case lock, so two saves cannot both pass)."""
    text = _clean(domain=domain, description=description)
    with transaction.atomic():
        locked = lock_open_plan(case=goal.case, by=by)
        goal = _locked_goal(goal, locked)
        check_version(goal, expected_version, case_id=locked.pk)
        changed = [
            name
            for name, value in (("domain", domain), ("description", text))
            if getattr(goal, name) != value
        ]
        goal.domain = domain
        goal.description = text
        save_versioned(goal, ["domain", "description"])
        active, dropped = _split(locked)
        if priority is not None and goal.outcome != GoalOutcome.DROPPED:
            current = next(i for i, g in enumerate(active) if g.pk == goal.pk)
            moved = active.pop(current)
            place = _position(priority, len(active) + 1)
            active.insert(place - 1, moved)
            if place - 1 != current:
                changed.append("priority")
        _store(active, dropped)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.goal.update",
            case=locked,
            obj=goal,
            detail={"fields": changed},
        )
    goal.refresh_from_db()
    return goal


def move_goal(*, goal: Goal, by: User, direction: Literal["up", "down"]) -> Goal:
    """One place up (more important) or down, swapping with the neighbour."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Onbekende richting."), code="direction")
    with transaction.atomic():
        locked = lock_open_plan(case=goal.case, by=by)
        goal = _locked_goal(goal, locked)
        if goal.outcome == GoalOutcome.DROPPED:
            raise ValidationError(
                _("Een vervallen doel heeft geen plaats in de volgorde."), code="dropped"
            )
        active, dropped = _split(locked)
        index = next(i for i, g in enumerate(active) if g.pk == goal.pk)
        target = index - 1 if direction == "up" else index + 1
        if target < 0:
            raise ValidationError(_("Dit doel staat al bovenaan."), code="first")
        if target >= len(active):
            raise ValidationError(_("Dit doel staat al onderaan."), code="last")
        active[index], active[target] = active[target], active[index]
        _store(active, dropped)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.goal.move",
            case=locked,
            obj=goal,
            detail={"direction": direction, "priority": target + 1},
        )
    goal.refresh_from_db()
    return goal


def drop_goal(*, goal: Goal, by: User) -> Goal:
    """The goal no longer counts. Its open actions lapse with it: otherwise they would
    keep showing up as overdue work for a goal nobody pursues."""
    with transaction.atomic():
        locked = lock_open_plan(case=goal.case, by=by)
        goal = _locked_goal(goal, locked)
        if goal.outcome == GoalOutcome.DROPPED:
            raise ValidationError(_("Dit doel is al vervallen."), code="already_dropped")
        goal.outcome = GoalOutcome.DROPPED
        save_versioned(goal, ["outcome"])
        lapsed = Action.objects.filter(goal=goal, status__in=OPEN_ACTION_STATUSES).update(
            status=ActionStatus.CANCELLED,
            completed_at=None,
            updated_at=timezone.now(),
        )
        active, dropped = _split(locked)
        # Most recently dropped last, behind the goals dropped before it.
        dropped.sort(key=lambda g: (g.pk == goal.pk, g.priority))
        _store(active, dropped)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.goal.drop",
            case=locked,
            obj=goal,
            detail={"lapsed_actions": lapsed},
        )
    goal.refresh_from_db()
    return goal


def restore_goal(*, goal: Goal, by: User) -> Goal:
    """A dropped goal counts again, as the least important one; the resident can move
    it up from there. Its lapsed actions stay lapsed: reopen the ones still wanted."""
    with transaction.atomic():
        locked = lock_open_plan(case=goal.case, by=by)
        goal = _locked_goal(goal, locked)
        if goal.outcome != GoalOutcome.DROPPED:
            raise ValidationError(_("Dit doel is niet vervallen."), code="not_dropped")
        goal.outcome = GoalOutcome.OPEN
        save_versioned(goal, ["outcome"])
        active, dropped = _split(locked)
        active.sort(key=lambda g: (g.pk == goal.pk, g.priority))
        _store(active, dropped)
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="plan.goal.restore",
            case=locked,
            obj=goal,
        )
    goal.refresh_from_db()
    return goal
