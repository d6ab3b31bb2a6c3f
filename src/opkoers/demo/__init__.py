"""The fictional demo set for `make run`: one team, its people and a case in every step,
built through the services so that the audit log shows it too. Refused in production."""
