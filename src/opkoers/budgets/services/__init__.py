"""Every change to the maatwerkbudget: one function each, in one transaction with its
audit row. See decisions.py for how the pot is kept from going below zero."""

from opkoers.budgets.services._common import (
    cap_for,
    committed_for_resident,
    committed_in_year,
    money,
)
from opkoers.budgets.services.decisions import (
    approve_request,
    ask_more_info,
    cancel_approval,
    register_payment,
    reject_request,
)
from opkoers.budgets.services.requests import request_budget, update_request, withdraw_request
from opkoers.budgets.services.settings import set_cap, set_pot
from opkoers.core.validation import MAX_TEXT

__all__ = [
    "MAX_TEXT",
    "approve_request",
    "ask_more_info",
    "cancel_approval",
    "cap_for",
    "committed_for_resident",
    "committed_in_year",
    "money",
    "register_payment",
    "reject_request",
    "request_budget",
    "set_cap",
    "set_pot",
    "update_request",
    "withdraw_request",
]
