"""Date arithmetic for conversations and follow-up calls: working days and the default
moments the forms propose. Pure functions, so the rules are easy to test."""

from __future__ import annotations

import datetime as dt

# Saturday and Sunday. Public holidays differ per year and per organisation; the
# proposed date stays adjustable on every form.
WEEKEND = frozenset({5, 6})
DEFAULT_HOUR = 10
# A conversation held at these times is proposed again at the same time of day; one
# recorded at odd hours (a report typed in the evening) falls back to ten o'clock.
OFFICE_START = dt.time(8, 0)
OFFICE_END = dt.time(17, 0)


def _office_hours(moment: dt.time) -> bool:
    return OFFICE_START <= moment <= OFFICE_END


def is_working_day(day: dt.date) -> bool:
    return day.weekday() not in WEEKEND


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start`, skipping weekends.
    Friday + 3 working days is Wednesday; Saturday + 1 is Monday."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def next_working_day(after: dt.date) -> dt.date:
    return add_working_days(after, 1)


def on_or_after_working_day(day: dt.date) -> dt.date:
    """The day itself when it is a working day, else the Monday after."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def default_first_conversation(now: dt.datetime) -> dt.datetime:
    """Next working day at ten, in the zone of `now` (the local time)."""
    day = next_working_day(now.date())
    return now.replace(
        year=day.year,
        month=day.month,
        day=day.day,
        hour=DEFAULT_HOUR,
        minute=0,
        second=0,
        microsecond=0,
    )


def default_next_conversation(
    *, last_held: dt.datetime | None, interval_days: int, now: dt.datetime
) -> dt.datetime:
    """The team's interval (default two weeks) after the last held conversation, at the
    same time of day (rounded to the quarter), moved off the weekend. Without a held
    conversation the interval counts from today; a moment that has already passed
    becomes the next working day."""
    if last_held is not None and _office_hours(last_held.time()):
        candidate = last_held + dt.timedelta(days=interval_days)
        candidate = candidate.replace(minute=candidate.minute - candidate.minute % 15)
    elif last_held is not None:
        candidate = last_held.replace(hour=DEFAULT_HOUR, minute=0)
        candidate += dt.timedelta(days=interval_days)
    else:
        candidate = now.replace(hour=DEFAULT_HOUR, minute=0, second=0, microsecond=0)
        candidate += dt.timedelta(days=interval_days)
    day = on_or_after_working_day(candidate.date())
    candidate = candidate.replace(
        year=day.year, month=day.month, day=day.day, second=0, microsecond=0
    )
    if candidate <= now:
        return default_first_conversation(now)
    return candidate
