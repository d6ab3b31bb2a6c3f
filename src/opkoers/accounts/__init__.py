"""Accounts: users, their organisations and teams, and roles; staff login with its second
factor (django-otp), lockout (django-axes), invitations by email instead of passwords
chosen by an admin, and the audited record of failed logins (docs/decisions/0018)."""
