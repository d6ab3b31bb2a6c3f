import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opkoers.meetings.scheduling import (
    add_working_days,
    default_first_conversation,
    default_next_conversation,
    is_working_day,
    next_working_day,
)

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = dt.date(2026, 3, 2)
FRIDAY = dt.date(2026, 3, 6)
SATURDAY = dt.date(2026, 3, 7)
SUNDAY = dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (FRIDAY, 3, dt.date(2026, 3, 11)),  # Friday + 3 working days = Wednesday
        (MONDAY, 3, dt.date(2026, 3, 5)),  # Monday + 3 = Thursday
        (dt.date(2026, 3, 4), 3, dt.date(2026, 3, 9)),  # Wednesday + 3 = next Monday
        (SATURDAY, 1, dt.date(2026, 3, 9)),  # a conversation on Saturday: Monday
        (SUNDAY, 3, dt.date(2026, 3, 11)),
        (FRIDAY, 5, dt.date(2026, 3, 13)),  # a full working week later
        (FRIDAY, 0, FRIDAY),
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(MONDAY, -1)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(1, 30))
def test_result_is_a_working_day_after_exactly_n_working_days(start, days):
    result = add_working_days(start, days)
    assert is_working_day(result)
    between = [start + dt.timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == days


def test_next_working_day_after_friday_is_monday():
    assert next_working_day(FRIDAY) == dt.date(2026, 3, 9)


def test_first_conversation_is_proposed_next_working_day_at_ten():
    now = dt.datetime(2026, 3, 6, 15, 30, tzinfo=AMS)  # Friday afternoon
    assert default_first_conversation(now) == dt.datetime(2026, 3, 9, 10, 0, tzinfo=AMS)


def test_next_conversation_is_two_weeks_after_the_last_held_one_same_time():
    last = dt.datetime(2026, 3, 3, 14, 0, tzinfo=AMS)  # Tuesday
    now = dt.datetime(2026, 3, 4, 9, 0, tzinfo=AMS)
    proposal = default_next_conversation(last_held=last, interval_days=14, now=now)
    assert proposal == dt.datetime(2026, 3, 17, 14, 0, tzinfo=AMS)


def test_next_conversation_moves_off_the_weekend():
    last = dt.datetime(2026, 3, 7, 11, 0, tzinfo=AMS)  # a Saturday home visit
    now = dt.datetime(2026, 3, 7, 12, 0, tzinfo=AMS)
    proposal = default_next_conversation(last_held=last, interval_days=14, now=now)
    assert proposal == dt.datetime(2026, 3, 23, 11, 0, tzinfo=AMS)  # Monday


def test_next_conversation_uses_the_team_interval():
    last = dt.datetime(2026, 3, 3, 14, 0, tzinfo=AMS)
    now = dt.datetime(2026, 3, 4, 9, 0, tzinfo=AMS)
    proposal = default_next_conversation(last_held=last, interval_days=7, now=now)
    assert proposal.date() == dt.date(2026, 3, 10)


def test_next_conversation_never_proposes_the_past():
    last = dt.datetime(2026, 1, 6, 14, 0, tzinfo=AMS)  # long ago
    now = dt.datetime(2026, 3, 6, 15, 0, tzinfo=AMS)  # Friday
    proposal = default_next_conversation(last_held=last, interval_days=14, now=now)
    assert proposal == dt.datetime(2026, 3, 9, 10, 0, tzinfo=AMS)


def test_without_a_held_conversation_the_interval_counts_from_today():
    now = dt.datetime(2026, 3, 4, 9, 0, tzinfo=AMS)
    proposal = default_next_conversation(last_held=None, interval_days=14, now=now)
    assert proposal == dt.datetime(2026, 3, 18, 10, 0, tzinfo=AMS)


def test_dst_change_keeps_the_wall_clock_time():
    last = dt.datetime(2026, 3, 17, 14, 0, tzinfo=AMS)  # before summer time starts (29 March)
    now = dt.datetime(2026, 3, 18, 9, 0, tzinfo=AMS)
    proposal = default_next_conversation(last_held=last, interval_days=14, now=now)
    assert (proposal.date(), proposal.hour) == (dt.date(2026, 3, 31), 14)


def test_next_conversation_rounds_to_the_quarter_and_avoids_odd_hours():
    now = dt.datetime(2026, 3, 4, 9, 0, tzinfo=AMS)
    at_quarter = dt.datetime(2026, 3, 3, 14, 37, tzinfo=AMS)
    late = dt.datetime(2026, 3, 3, 21, 56, tzinfo=AMS)
    assert default_next_conversation(last_held=at_quarter, interval_days=14, now=now) == (
        dt.datetime(2026, 3, 17, 14, 30, tzinfo=AMS)
    )
    assert default_next_conversation(last_held=late, interval_days=14, now=now) == (
        dt.datetime(2026, 3, 17, 10, 0, tzinfo=AMS)
    )
