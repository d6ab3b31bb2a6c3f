"""Residents: the person at the centre of a case, their network and communication needs."""
