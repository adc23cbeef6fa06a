"""The poll hands each feed's stories over as soon as that feed is parsed, and stops early when
the one it hands them to fails."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig, FetchConfig
from briefings.feeds.fetch import Fetcher
from briefings.feeds.outcome import FeedBatch
from briefings.feeds.poller import poll
from tests.feeds.samples import numbered, rss
from tests.feeds.server import FeedServer, respond

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_each_feed_is_handed_over_while_the_others_still_download(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer) -> None:
    handed: list[str] = []
    fast_handed = threading.Event()

    def slow(request: BaseHTTPRequestHandler) -> None:
        # Answers only once the fast feed has been handed over (or gives up, failing the test).
        respond(request, 200 if fast_handed.wait(8) else 503, rss(numbered(1, prefix="slow")))

    feeds = [FeedConfig(name="slow", url=server.route("/slow", slow)),
             FeedConfig(name="fast", url=server.static("/fast", rss(numbered(2))))]

    def take(batch: FeedBatch) -> None:
        handed.append(batch.feed.name)
        if batch.feed.name == "fast":
            fast_handed.set()

    with Fetcher(fetch_config.model_copy(update={"total_timeout": 10.0,
                                                 "read_timeout": 10.0})) as fetcher:
        result = poll(sessions, fetcher, feeds, NOW, on_batch=take)
    assert handed == ["fast", "slow"]
    assert [batch.feed.name for batch in result.batches] == ["slow", "fast"]  # listed order
    assert result.updates["slow"].status == 200


def test_a_failing_consumer_stops_the_poll_before_the_remaining_feeds(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer) -> None:
    def unhurried(request: BaseHTTPRequestHandler) -> None:
        server.sleep(1)
        respond(request, 200, rss(numbered(1)))

    feeds = [FeedConfig(name="first", url=server.static("/first", rss(numbered(1))))]
    feeds += [FeedConfig(name=f"later {i}", url=server.route(f"/later{i}", unhurried))
              for i in range(5)]

    def fail(batch: FeedBatch) -> None:
        raise RuntimeError("the store is down")

    one_worker = fetch_config.model_copy(update={"concurrency": 1, "total_timeout": 5.0,
                                                 "read_timeout": 5.0})
    with Fetcher(one_worker) as fetcher, pytest.raises(RuntimeError, match="store is down"):
        poll(sessions, fetcher, feeds, NOW, on_batch=fail)
    assert len(server.requests) <= 2  # the first feed, and the one being fetched when it failed
