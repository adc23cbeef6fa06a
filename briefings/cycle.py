"""One poll cycle end to end: fetch and parse the feeds, then ingest every new story in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig
from briefings.feeds.poller import poll
from briefings.pipeline import IngestReport, Pipeline


def run_poll_cycle(sessions: sessionmaker[Session], client: httpx.Client, pipeline: Pipeline,
                   feeds: Sequence[FeedConfig], now: datetime) -> IngestReport:
    """Poll `feeds` and ingest what they yield; broken feeds are recorded, not raised."""
    batches = poll(sessions, client, feeds, now)
    stories = [story for batch in batches for story in batch.stories]
    first = {batch.feed.name for batch in batches if batch.first_fetch}
    return pipeline.ingest(stories, now, first_fetch_feeds=first)
