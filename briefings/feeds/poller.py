"""One poll cycle: fetch the feeds concurrently, parse them, record each feed's health.

Placeholder depth for the walking skeleton; the feed issue (#3) adds scheduling and backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.feeds.fetch import FetchResult, fetch
from briefings.feeds.parse import parse_feed
from briefings.models import Story
from briefings.store import feeds as feed_store
from briefings.store.database import transaction

log = logging.getLogger(__name__)
CONCURRENCY = 8


@dataclass(frozen=True, slots=True)
class FeedBatch:
    """The stories one feed yielded this cycle; `first_fetch` marks a newly added feed."""

    feed: FeedConfig
    stories: list[Story]
    first_fetch: bool


def poll(sessions: sessionmaker[Session], client: httpx.Client, feeds: Sequence[FeedConfig],
         now: datetime) -> list[FeedBatch]:
    """Fetch and parse every feed; a broken feed is recorded and skipped, never raised."""
    with transaction(sessions) as session:
        states = {f.name: _state(session, f) for f in feeds}
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        results = list(pool.map(lambda f: _fetch_one(client, f, states[f.name]), feeds))
    batches = []
    for feed, result in zip(feeds, results, strict=True):
        batch = _record(sessions, feed, result, now, first_fetch=states[feed.name][2])
        if batch is not None:
            batches.append(batch)
    return batches


def _state(session: Session, feed: FeedConfig) -> tuple[str | None, str | None, bool]:
    row = feed_store.ensure_feed(session, feed)
    return row.etag, row.last_modified, row.first_fetched_at is None


def _fetch_one(client: httpx.Client, feed: FeedConfig,
               state: tuple[str | None, str | None, bool]) -> FetchResult | FeedError:
    try:
        return fetch(client, feed.url, state[0], state[1])
    except FeedError as exc:
        return exc


def _record(sessions: sessionmaker[Session], feed: FeedConfig, result: FetchResult | FeedError,
            now: datetime, *, first_fetch: bool) -> FeedBatch | None:
    stories: list[Story] = []
    try:
        if isinstance(result, FeedError):
            raise result
        if result.body is not None:
            stories = parse_feed(result.body, feed, now)
    except FeedError as exc:
        log.warning("feed %s failed: %s", feed.name, exc.reason)
        with transaction(sessions) as session:
            feed_store.record_failure(session, feed.name, status=exc.status, error=exc.reason,
                                      now=now)
        return None
    with transaction(sessions) as session:
        feed_store.record_success(session, feed.name, status=result.status, etag=result.etag,
                                  last_modified=result.last_modified, entries=len(stories),
                                  now=now)
    return FeedBatch(feed, stories, first_fetch)
