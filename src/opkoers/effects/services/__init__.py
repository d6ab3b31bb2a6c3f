"""Every change in the effects calculator goes through these functions: keyword-only,
atomic, validated, with the audit row in the same transaction."""

from opkoers.effects.services.entries import add_entry, remove_entry, update_entry
from opkoers.effects.services.price_list import create_price_item, update_price_item
from opkoers.effects.services.proposal import propose_team_time

__all__ = [
    "add_entry",
    "create_price_item",
    "propose_team_time",
    "remove_entry",
    "update_entry",
    "update_price_item",
]
