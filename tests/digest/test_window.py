"""Week windows and due times in the configured zone, whatever the server's own zone is."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from briefings.digest_window import (
    DigestSchedule,
    IsoWeek,
    due_week,
    last_due,
    send_time,
    window_for,
)

UTC = dt.UTC
TOKYO, NEW_YORK = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def utc_server() -> Iterator[None]:
    """The server runs in UTC; nothing may depend on it, so it is set explicitly."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_iso_week_round_trips_and_rejects_bad_input() -> None:
    assert str(IsoWeek.parse("2026-W21")) == "2026-W21"
    assert IsoWeek.parse("2026-W53") == IsoWeek(2026, 53)  # 2026 has 53 ISO weeks
    assert IsoWeek(2026, 53).shift(1) == IsoWeek(2027, 1)
    for bad in ("2026-21", "2025-W53", "W21"):
        with pytest.raises(ValueError):
            IsoWeek.parse(bad)


def test_tokyo_window_is_local_monday_to_sunday_24_00() -> None:
    window = window_for(IsoWeek(2026, 47), TOKYO)
    assert window.start == dt.datetime(2026, 11, 15, 15, 0, tzinfo=UTC)  # Mon 00:00 JST
    assert window.end == dt.datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
    sunday_2359 = dt.datetime(2026, 11, 22, 23, 59, tzinfo=TOKYO)
    assert window.contains(sunday_2359)
    assert not window.contains(dt.datetime(2026, 11, 23, 0, 0, tzinfo=TOKYO))
    assert window.contains(dt.datetime(2026, 11, 16, 0, 0, tzinfo=TOKYO))


def test_tokyo_digest_fires_monday_09_00_jst_for_the_previous_week() -> None:
    schedule = DigestSchedule(0, dt.time(9, 0), TOKYO)
    assert send_time(schedule, IsoWeek(2026, 47)) == dt.datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    # Sunday 23:30 UTC is already Monday 08:30 in Tokyo: not yet due, the week before is.
    before = dt.datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert last_due(schedule, before)[0] == IsoWeek(2026, 46)
    at = dt.datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert due_week(schedule, at, dt.timedelta(0)) == IsoWeek(2026, 47)


def test_new_york_sunday_evening_story_belongs_to_its_local_week() -> None:
    window = window_for(IsoWeek(2026, 47), NEW_YORK)
    sunday_evening = dt.datetime(2026, 11, 22, 23, 59, tzinfo=NEW_YORK)  # Monday 04:59 UTC
    assert sunday_evening.astimezone(UTC).weekday() == 0
    assert window.contains(sunday_evening)
    assert window.end == dt.datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


def test_due_week_respects_the_catch_up_window() -> None:
    schedule = DigestSchedule(0, dt.time(9, 0), NEW_YORK)
    due = send_time(schedule, IsoWeek(2026, 47))
    assert due_week(schedule, due + dt.timedelta(hours=23), dt.timedelta(hours=24)) is not None
    assert due_week(schedule, due + dt.timedelta(hours=25), dt.timedelta(hours=24)) is None
    assert due_week(schedule, due - dt.timedelta(seconds=1), dt.timedelta(hours=24)) is None


@pytest.mark.parametrize("day", [dt.date(2025, 3, 9), dt.date(2025, 11, 2)])
def test_dst_sunday_window_lengths(day: dt.date) -> None:
    window = window_for(IsoWeek.of(day), NEW_YORK)
    hours = (window.end - window.start) / dt.timedelta(hours=1)
    assert hours == (167 if day.month == 3 else 169)


def test_a_skipped_local_time_is_due_just_after_the_jump() -> None:
    schedule = DigestSchedule(6, dt.time(2, 30), NEW_YORK)  # Sunday 02:30 does not exist 9 Mar
    due = send_time(schedule, IsoWeek(2025, 9))
    assert due.astimezone(NEW_YORK).replace(tzinfo=None) == dt.datetime(2025, 3, 9, 3, 30)
