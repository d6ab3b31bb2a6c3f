"""Time for the generator: whole seconds on a fixed axis, formatted through lookup tables.

Formatting a datetime object costs about a microsecond; with millions of rows that is
most of the run. Seconds since the start of the axis, a table of day strings and a table
of 86,400 clock strings make a timestamp a string concatenation."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

DAY = 86_400
PAST_DAYS = 1_200  # the oldest closed cases start about three years back
FUTURE_DAYS = 400  # planned conversations and due dates ahead


class Clock:
    def __init__(self, now: datetime, today_local: object) -> None:
        now = now.astimezone(UTC).replace(microsecond=0)
        start = datetime.combine(now.date() - timedelta(days=PAST_DAYS), time(), tzinfo=UTC)
        self.start = start
        self.now = int((now - start).total_seconds())
        days = PAST_DAYS + FUTURE_DAYS
        self._days = [(start + timedelta(days=d)).date().isoformat() for d in range(days)]
        self._clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]
        # Dates (due dates, follow-up days) are local calendar days; index them on the
        # same axis so that "today" is the team's today, not UTC's.
        self.today = self._days.index(str(today_local))

    def ts(self, seconds: int) -> str:
        """A timestamp in UTC, 'YYYY-MM-DD HH:MM:SS'."""
        return f"{self._days[seconds // DAY]} {self._clock[seconds % DAY]}"

    def day(self, index: int) -> str:
        """A calendar date, 'YYYY-MM-DD', by day index on the axis."""
        return self._days[index]

    def day_of(self, seconds: int) -> int:
        return seconds // DAY

    def clamp(self, seconds: int) -> int:
        return max(0, min(seconds, len(self._days) * DAY - 1))
