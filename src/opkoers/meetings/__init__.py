"""Meetings: conversations with the resident (first and follow-up), their participants,
notes and decisions, and the follow-up calls (nabellen) after each conversation."""
