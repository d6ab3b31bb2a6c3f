"""Every change in the effects calculator goes through these functions: keyword-only,
atomic, validated, with the audit row in the same transaction."""

from opkoers.effects.services.entries import add_entry, remove_entry
from opkoers.effects.services.price_list import create_price_item, update_price_item

__all__ = ["add_entry", "create_price_item", "remove_entry", "update_price_item"]
