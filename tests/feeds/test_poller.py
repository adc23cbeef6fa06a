"""The poll's stages: workers fetch while parsers parse, within a bound on the bodies held; each
feed's stories are handed over as soon as it is parsed; a failing hand-over stops the poll."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig, FetchConfig
from briefings.feeds import poller
from briefings.feeds.fetch import PARSERS, Fetcher
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


def test_a_worker_fetches_the_next_feed_while_the_last_one_is_parsed(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    second_fetched = threading.Event()
    real = poller.parse_document

    def parse_after_second_fetch(body: bytes, feed: FeedConfig, *args: Any, **kwargs: Any
                                 ) -> Any:
        if feed.name == "first" and not second_fetched.wait(8):
            raise RuntimeError("the second feed was not fetched while the first was parsed")
        return real(body, feed, *args, **kwargs)

    def second(request: BaseHTTPRequestHandler) -> None:
        second_fetched.set()
        respond(request, 200, rss(numbered(1, prefix="second")))

    monkeypatch.setattr(poller, "parse_document", parse_after_second_fetch)
    feeds = [FeedConfig(name="first", url=server.static("/first", rss(numbered(1)))),
             FeedConfig(name="second", url=server.route("/second", second))]
    with Fetcher(fetch_config.model_copy(update={"concurrency": 1})) as fetcher:
        result = poll(sessions, fetcher, feeds, NOW)
    assert {name: update.status for name, update in result.updates.items()} == {
        "first": 200, "second": 200}
    assert [batch.feed.name for batch in result.batches] == ["first", "second"]


def test_workers_wait_to_fetch_while_parsing_holds_the_bodies_it_may(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One worker and `PARSERS` parsers may hold 1 + PARSERS bodies; the next fetch waits
    until a parse lets its body go."""
    held = 1 + PARSERS
    parsed: list[str] = []
    parsed_when_fetched: list[int] = []
    real = poller.parse_document

    def slow_at_first(body: bytes, feed: FeedConfig, *args: Any, **kwargs: Any) -> Any:
        if not parsed:
            time.sleep(1)  # the first parses take a while
        parsed.append(feed.name)
        return real(body, feed, *args, **kwargs)

    def counting(request: BaseHTTPRequestHandler) -> None:
        parsed_when_fetched.append(len(parsed))
        respond(request, 200, rss(numbered(1, prefix=request.path.strip("/"))))

    monkeypatch.setattr(poller, "parse_document", slow_at_first)
    feeds = [FeedConfig(name=f"f{i}", url=server.route(f"/f{i}", counting))
             for i in range(held + 1)]
    with Fetcher(fetch_config.model_copy(update={"concurrency": 1})) as fetcher:
        poll(sessions, fetcher, feeds, NOW)
    assert parsed_when_fetched[:held] == [0] * held and parsed_when_fetched[held] >= 1


def test_an_abandoned_poll_leaves_no_worker_waiting_for_room(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers wait for room while parses lag; the hand-over then fails. The parses still
    queued are dropped and never make room, so the poll must let the waiting workers go."""
    workers = 4
    room = workers + PARSERS
    real = poller.parse_document
    all_in_room = threading.Event()

    def lagging(body: bytes, feed: FeedConfig, *args: Any, **kwargs: Any) -> Any:
        if feed.name == "f0":  # once the room is full, give the workers time to wait for room
            all_in_room.wait(8)
            time.sleep(0.5)
        else:
            time.sleep(1)
        return real(body, feed, *args, **kwargs)

    def counting(request: BaseHTTPRequestHandler) -> None:
        respond(request, 200, rss(numbered(1, prefix=request.path.strip("/"))))
        if len(server.requests) >= room:
            all_in_room.set()

    def fail(batch: FeedBatch) -> None:
        raise RuntimeError("the store is down")

    monkeypatch.setattr(poller, "parse_document", lagging)
    feeds = [FeedConfig(name=f"f{i}", url=server.route(f"/f{i}", counting))
             for i in range(room + workers)]
    raised: list[BaseException] = []

    def run() -> None:
        try:
            with Fetcher(fetch_config.model_copy(update={"concurrency": workers})) as fetcher:
                poll(sessions, fetcher, feeds, NOW, on_batch=fail)
        except RuntimeError as exc:
            raised.append(exc)

    polling = threading.Thread(target=run, daemon=True)
    polling.start()
    polling.join(30)
    assert not polling.is_alive(), "the poll never returned: a worker is still waiting for room"
    assert [str(exc) for exc in raised] == ["the store is down"]
