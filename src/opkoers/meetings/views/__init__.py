"""Meetings views, one module per page group."""
