"""When to check a feed next: its own interval, stretched by server hints, backed off on errors.

- success: max(interval, cache hint) capped at `max_interval_minutes` (never below the interval);
- failure: interval x 2^(failures-1), capped at `max_backoff_minutes`; a `Retry-After` is
  honoured when longer, within the same cap.

Our own intervals end up to a minute early (`TICK_SLACK`): the clock ticks every interval, and
a tick a few milliseconds early must not find the feed not yet due and skip a whole interval.
Server hints (cache lifetime, Retry-After) are kept exactly.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from briefings.config import FeedConfig, FetchConfig

TICK_SLACK = 60.0


def next_success_check(feed: FeedConfig, config: FetchConfig, now: datetime,
                       hint_seconds: float | None) -> datetime:
    """The next check after a 200 or 304."""
    interval = feed.poll_minutes * 60.0
    ceiling = max(interval, config.max_interval_minutes * 60.0)
    delay = min(max(interval - _slack(interval), hint_seconds or 0.0), ceiling)
    return now + timedelta(seconds=delay)


def next_failure_check(feed: FeedConfig, config: FetchConfig, now: datetime, failures: int,
                       retry_after: float | None) -> datetime:
    """The next check after the `failures`-th failure in a row."""
    interval = feed.poll_minutes * 60.0
    ceiling = max(interval, config.max_backoff_minutes * 60.0)
    backoff = min(interval * 2.0 ** min(max(failures - 1, 0), 32), ceiling)
    return now + timedelta(seconds=min(max(backoff - _slack(interval), retry_after or 0.0),
                                       ceiling))


def _slack(interval: float) -> float:
    return min(TICK_SLACK, interval / 10)
