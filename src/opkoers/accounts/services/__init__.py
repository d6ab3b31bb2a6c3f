"""Every write to organisations, teams and users goes through a function here; each
records an audit row with a code ``accounts.*`` in the same transaction."""

from opkoers.accounts.services.organisations import create_organisation, update_organisation
from opkoers.accounts.services.teams import add_member, create_team, remove_member, update_team
from opkoers.accounts.services.users import (
    change_own_password,
    create_user,
    record_login,
    update_user,
)

__all__ = [
    "add_member",
    "change_own_password",
    "create_organisation",
    "create_team",
    "create_user",
    "record_login",
    "remove_member",
    "update_organisation",
    "update_team",
    "update_user",
]
