"""Properties of the week arithmetic in every zone, including odd ones (Lord Howe's half-hour
shift, Samoa skipping a whole day in 2011, zones switching at midnight)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefings.digest_window import DigestSchedule, IsoWeek, last_due, send_time, window_for

ZONES = sorted(available_timezones() - {"Factory", "localtime"})
weeks = st.builds(lambda day: IsoWeek.of(day),
                  st.dates(min_value=dt.date(1990, 1, 8), max_value=dt.date(2060, 12, 20)))
schedules = st.builds(DigestSchedule, st.integers(0, 6),
                      st.times().map(lambda t: t.replace(microsecond=0)),
                      st.sampled_from(ZONES).map(ZoneInfo))


@settings(max_examples=200, deadline=None)
@given(weeks, st.sampled_from(ZONES))
def test_windows_tile_time(week: IsoWeek, zone: str) -> None:
    this, following = window_for(week, ZoneInfo(zone)), window_for(week.shift(1), ZoneInfo(zone))
    assert this.start < this.end == following.start


@settings(max_examples=200, deadline=None)
@given(weeks, schedules)
@example(IsoWeek(2011, 51), DigestSchedule(4, dt.time(9, 0), ZoneInfo("Pacific/Apia")))
def test_each_week_has_one_due_time_in_order(week: IsoWeek, schedule: DigestSchedule) -> None:
    due = send_time(schedule, week)
    assert due < send_time(schedule, week.shift(1))
    assert last_due(schedule, due) == (week, due)
    assert last_due(schedule, due - dt.timedelta(microseconds=1))[0] == week.shift(-1)
