"""Server hints and the schedule they feed, as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefings.config import FeedConfig, FetchConfig
from briefings.feeds.hints import cache_seconds, retry_after
from briefings.feeds.schedule import next_failure_check, next_success_check

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FEED = FeedConfig(name="wire", url="https://wire.example/feed")
SERVER_DATE = "Tue, 24 Nov 2026 11:00:00 GMT"  # an hour behind our clock


@pytest.mark.parametrize(("headers", "expected"), [
    ({"retry-after": "120"}, 120.0),
    ({"retry-after": " 0 "}, 0.0),
    ({"retry-after": "Tue, 24 Nov 2026 11:05:00 GMT", "date": SERVER_DATE}, 300.0),
    ({"retry-after": "Tue, 24 Nov 2026 12:05:00 GMT"}, 300.0),
    ({"retry-after": "Tue, 24 Nov 2026 10:00:00 GMT", "date": SERVER_DATE}, 0.0),
    ({"retry-after": "-5"}, None),
    ({"retry-after": "1.5"}, None),
    ({"retry-after": "tomorrow"}, None),
    ({}, None),
])
def test_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after(headers, NOW) == expected


@pytest.mark.parametrize(("headers", "expected"), [
    ({"cache-control": "public, max-age=7200"}, 7200.0),
    ({"cache-control": "no-cache, max-age=9999"}, None),
    ({"cache-control": "no-store"}, None),
    ({"expires": "Tue, 24 Nov 2026 13:00:00 GMT", "date": SERVER_DATE}, 7200.0),
    ({"expires": "0"}, None),
    ({}, None),
])
def test_cache_seconds(headers: dict[str, str], expected: float | None) -> None:
    assert cache_seconds(headers, NOW) == expected


TICK = timedelta(minutes=1)  # our own intervals end a minute early: see schedule.TICK_SLACK


@pytest.mark.parametrize(("hint", "wait"), [
    (None, timedelta(minutes=15) - TICK),
    (60.0, timedelta(minutes=15) - TICK),  # a hint never makes us poll more often
    (7200.0, timedelta(hours=2)),
    (10 * 86400.0, timedelta(hours=24)),  # capped at max_interval_minutes
])
def test_success_schedule(hint: float | None, wait: timedelta) -> None:
    assert next_success_check(FEED, FetchConfig(), NOW, hint) == NOW + wait


@pytest.mark.parametrize(("failures", "retry", "wait"), [
    (1, None, timedelta(minutes=15) - TICK),
    (2, None, timedelta(minutes=30) - TICK),
    (4, None, timedelta(hours=2) - TICK),
    (20, None, timedelta(hours=24) - TICK),  # capped at max_backoff_minutes
    (1, 7200.0, timedelta(hours=2)),  # Retry-After longer than the backoff wins
    (4, 60.0, timedelta(hours=2) - TICK),  # and a shorter one does not undo the backoff
    (1, 40 * 86400.0, timedelta(hours=24)),  # a huge Retry-After is capped too
])
def test_failure_backoff(failures: int, retry: float | None, wait: timedelta) -> None:
    assert next_failure_check(FEED, FetchConfig(), NOW, failures, retry) == NOW + wait


def test_short_intervals_get_proportionally_less_slack() -> None:
    feed = FeedConfig(name="fast", url="https://wire.example/feed", poll_minutes=1)
    assert next_success_check(feed, FetchConfig(), NOW, None) == NOW + timedelta(seconds=54)
