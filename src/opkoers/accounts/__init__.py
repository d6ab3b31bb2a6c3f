"""Accounts: users, their organisations and teams, and roles."""
