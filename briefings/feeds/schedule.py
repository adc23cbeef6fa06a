"""When to check a feed next: its own interval, stretched by server hints, backed off on errors.

- success: max(interval, cache hint) capped at `max_interval_minutes` (never below the interval);
- failure: interval x 2^(failures-1), capped at `max_backoff_minutes`; a `Retry-After` is
  honoured when longer, within the same cap.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from briefings.config import FeedConfig, FetchConfig


def next_success_check(feed: FeedConfig, config: FetchConfig, now: datetime,
                       hint_seconds: float | None) -> datetime:
    """The next check after a 200 or 304."""
    interval = feed.poll_minutes * 60.0
    ceiling = max(interval, config.max_interval_minutes * 60.0)
    return now + timedelta(seconds=min(max(interval, hint_seconds or 0.0), ceiling))


def next_failure_check(feed: FeedConfig, config: FetchConfig, now: datetime, failures: int,
                       retry_after: float | None) -> datetime:
    """The next check after the `failures`-th failure in a row."""
    interval = feed.poll_minutes * 60.0
    ceiling = max(interval, config.max_backoff_minutes * 60.0)
    backoff = interval * 2.0 ** min(max(failures - 1, 0), 32)
    return now + timedelta(seconds=min(max(backoff, retry_after or 0.0), ceiling))
