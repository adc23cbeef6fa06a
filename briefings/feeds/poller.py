"""One poll: fetch the due feeds concurrently and parse them; then, once the caller has stored
the stories, record each feed's fetch state. Validators are saved only after the stories they
cover, so a crash in between means a full re-fetch (deduplicated), never a 304 hiding news.

`concurrency` worker threads (the fetcher's, kept for its life) each fetch then parse one
feed at a time; every fetch has its own total deadline, so one slow or broken feed holds one
worker for at most that long and delays the others by nothing more. A worker parses the body
it fetched, which bounds the bodies in memory to `concurrency`; at most `PARSE_SLOTS` parse at
once, since parsing a large feed takes several times its size in memory (reader#261) and the
GIL gives no speed-up beyond that anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import as_completed, wait
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.feeds.download import Validators, fetch
from briefings.feeds.fetch import Fetcher
from briefings.feeds.outcome import FeedBatch, Outcome, to_update
from briefings.feeds.parse import parse_document
from briefings.store import feeds as feed_store
from briefings.store.database import retrying_conflicts, transaction
from briefings.store.feeds import FeedState, FeedUpdate

log = logging.getLogger(__name__)
PARSE_SLOTS = 2


@dataclass(frozen=True, slots=True)
class PollResult:
    """The stories of the feeds that answered, and every polled feed's state update to record."""

    batches: list[FeedBatch]
    updates: dict[str, FeedUpdate]


def poll(sessions: sessionmaker[Session], fetcher: Fetcher, feeds: Sequence[FeedConfig],
         now: datetime, on_batch: Callable[[FeedBatch], None] | None = None) -> PollResult:
    """Fetch and parse every due feed; a broken feed yields an error update, never an exception.

    `on_batch` gets each feed's stories in this thread as soon as that feed is parsed, so the
    caller's work on them overlaps the other feeds' downloads instead of following them all."""
    states = retrying_conflicts(sessions, lambda session: feed_store.sync_feeds(session, feeds))
    due = [feed for feed in feeds if states[feed.name].is_due(now)]
    if not due:
        return PollResult([], {})
    config = fetcher.config
    slots = threading.BoundedSemaphore(PARSE_SLOTS)
    futures = [fetcher.workers.submit(_poll_one, fetcher, slots, feed, states[feed.name], now)
               for feed in due]
    try:
        for future in as_completed(futures):
            batch = _batch(future.result(), states)
            if batch is not None and on_batch is not None:
                on_batch(batch)
    except BaseException:
        for future in futures:
            future.cancel()  # the feeds not started yet
        wait(futures)  # those being fetched end by their deadline
        raise
    outcomes = [future.result() for future in futures]
    updates = {o.feed.name: to_update(o, states[o.feed.name], config, now) for o in outcomes}
    batches = [batch for o in outcomes if (batch := _batch(o, states)) is not None]
    return PollResult(batches, updates)


def _batch(outcome: Outcome, states: dict[str, FeedState]) -> FeedBatch | None:
    """The stories of a feed that answered with a document; None after a 304 or an error."""
    if outcome.parsed is None:
        return None
    return FeedBatch(outcome.feed, outcome.parsed.stories, states[outcome.feed.name].first_fetch)


def record(sessions: sessionmaker[Session], updates: Iterable[FeedUpdate], now: datetime) -> None:
    """Store the feeds' fetch state in one transaction."""
    with transaction(sessions) as session:
        feed_store.record(session, list(updates), now)


def _poll_one(fetcher: Fetcher, slots: threading.BoundedSemaphore, feed: FeedConfig,
              state: FeedState, now: datetime) -> Outcome:
    status: int | None = None
    try:
        result = fetch(fetcher.client, fetcher.config, state.url,
                       Validators(state.etag, state.last_modified))
        status = result.status
        if result.body is None:
            return Outcome(feed, 304, fetched=result)
        with slots:
            parsed = parse_document(result.body, feed, now, url=result.url,
                                    content_type=result.content_type)
        return Outcome(feed, 200, fetched=result, parsed=parsed)
    except FeedError as exc:
        log.warning("feed %s failed: %s", feed.name, exc.reason)
        return Outcome(feed, exc.status or status, error=exc)
    except Exception as exc:  # a bug or a library crash on one feed must not stop the poll
        log.exception("feed %s crashed the fetcher", feed.name)
        return Outcome(feed, status, error=FeedError(state.url, f"internal error: {exc!r}"))
