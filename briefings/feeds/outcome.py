"""What polling one feed produced, and how that becomes its stored fetch state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from briefings.config import FeedConfig, FetchConfig
from briefings.errors import FeedError
from briefings.feeds.download import FetchResult
from briefings.feeds.errors import FetchError
from briefings.feeds.parse import ParsedFeed
from briefings.feeds.schedule import next_failure_check, next_success_check
from briefings.models import Story
from briefings.store.feeds import FeedState, FeedUpdate

GONE = 410


@dataclass(frozen=True, slots=True)
class FeedBatch:
    """The stories one feed yielded this cycle; `first_fetch` marks a newly added feed."""

    feed: FeedConfig
    stories: list[Story]
    first_fetch: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    """One feed's poll: a fetch (200 to parse, then parsed; or 304) or an error."""

    feed: FeedConfig
    status: int | None
    fetched: FetchResult | None = None
    parsed: ParsedFeed | None = None
    error: FeedError | None = None

    @property
    def unparsed(self) -> bool:
        """Fetched with a body that is still to be parsed."""
        return (self.fetched is not None and self.fetched.body is not None
                and self.parsed is None and self.error is None)


def to_update(outcome: Outcome, state: FeedState, config: FetchConfig,
              now: datetime) -> FeedUpdate:
    """The row update for an outcome, with its next check time (see `schedule`)."""
    feed, fetched = outcome.feed, outcome.fetched
    if outcome.error is not None or fetched is None:
        return _failure(outcome, state, config, now)
    parsed = outcome.parsed
    hints = [h for h in (fetched.cache_seconds, parsed and parsed.ttl_seconds) if h]
    return FeedUpdate(
        name=feed.name, status=outcome.status,
        next_check_at=next_success_check(feed, config, now, max(hints, default=None)),
        etag=fetched.validators.etag, last_modified=fetched.validators.last_modified,
        entries=parsed.entries if parsed else None, moved_to=fetched.moved_to)


def _failure(outcome: Outcome, state: FeedState, config: FetchConfig,
             now: datetime) -> FeedUpdate:
    error = outcome.error or FeedError(state.url, "no result")
    delay = error.retry_after if isinstance(error, FetchError) else None
    when = next_failure_check(outcome.feed, config, now, state.failures + 1, delay)
    return FeedUpdate(name=outcome.feed.name, status=outcome.status, next_check_at=when,
                      error=error.reason, disable=outcome.status == GONE)
