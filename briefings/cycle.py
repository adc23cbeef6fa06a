"""One poll cycle end to end: fetch and parse the due feeds, ingest every new story in order,
then record the feeds' fetch state (validators last, so a crash never hides news behind a 304).

A feed that suddenly lists more new stories than its per-cycle cap (a republish flood) has the
oldest `cap` ingested now and its validators dropped, so the next cycle fetches it in full and
takes the next ones: nothing is lost and the channel is not flooded. On a newly added feed's
first fetch, everything older than the look-back is recorded at once (the pipeline does not
announce it, and it can never trickle out later as news) and only the recent stories are capped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig
from briefings.feeds.fetch import Fetcher
from briefings.feeds.outcome import FeedBatch
from briefings.feeds.poller import poll, record
from briefings.models import Story
from briefings.pipeline import IngestReport, Judged, Pipeline
from briefings.store import stories as story_store
from briefings.store.database import transaction

log = logging.getLogger(__name__)


def run_poll_cycle(sessions: sessionmaker[Session], client: Fetcher, pipeline: Pipeline,
                   feeds: Sequence[FeedConfig], now: datetime, *,
                   look_back_hours: int | None = None,
                   stop: threading.Event | None = None) -> IngestReport:
    """Poll the due `feeds` and ingest what they yield; broken feeds are recorded, not raised.

    Each feed's new stories are picked and judged as soon as it is parsed, while the others
    still download; they are stored together once every feed is in, so their order holds.
    `look_back_hours` (the config's) lets the flood cap apply to a new feed's recent stories;
    without it a new feed's first fetch is ingested whole. Once `stop` is set (SIGTERM), the
    feeds not fetched yet are left due for the next cycle and the rest are stored as usual."""
    backlog = None if look_back_hours is None else now - timedelta(hours=look_back_hours)
    judged: list[Judged] = []
    flooded: list[str] = []

    def take(batch: FeedBatch) -> None:
        new, capped = _new_stories(sessions, client, batch, backlog)
        judged.extend(pipeline.judge(new))
        if capped:
            flooded.append(batch.feed.name)

    result = poll(sessions, client, feeds, now, on_batch=take, stop=stop)
    for name in flooded:
        result.updates[name] = replace(result.updates[name], etag=None, last_modified=None)
    first = {batch.feed.name for batch in result.batches if batch.first_fetch}
    report = pipeline.store(judged, now, first_fetch_feeds=first)
    record(sessions, result.updates.values(), now)
    updates = result.updates.values()
    report.feeds = len(updates)
    report.feeds_unchanged = sum(update.status == 304 for update in updates)
    report.feeds_failed = sum(update.error is not None for update in updates)
    return report


def _new_stories(sessions: sessionmaker[Session], client: Fetcher, batch: FeedBatch,
                 backlog: datetime | None) -> tuple[list[Story], bool]:
    """The batch's stories not stored yet, capped; True when some were held back."""
    with transaction(sessions) as session:
        known = story_store.known_ids(session, batch.stories)
    new = sorted((s for s in batch.stories if s.id not in known), key=lambda s: s.published)
    old: list[Story] = []
    if batch.first_fetch:
        if backlog is None:
            return new, False
        old = [s for s in new if s.published < backlog]
        new = new[len(old):]
    cap = batch.feed.max_new_per_cycle or client.config.max_new_per_cycle
    if len(new) <= cap:
        return old + new, False
    log.warning("feed %s lists %d new stories; taking the oldest %d now, the rest next cycles",
                batch.feed.name, len(new), cap)
    return old + new[:cap], True
