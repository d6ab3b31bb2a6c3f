"""Every change to a Samen1plan goes through these functions: they lock the case row,
check that the plan may change and who changes it, and write the audit row in the same
transaction."""

from opkoers.plans.services.actions import add_action, set_action_status, update_action
from opkoers.plans.services.agreement import agree_plan
from opkoers.plans.services.goals import (
    add_goal,
    drop_goal,
    move_goal,
    restore_goal,
    update_goal,
)

__all__ = [
    "add_action",
    "add_goal",
    "agree_plan",
    "drop_goal",
    "move_goal",
    "restore_goal",
    "set_action_status",
    "update_action",
    "update_goal",
]
