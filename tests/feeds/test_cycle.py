"""Whole poll cycles on a real database: dedup, conditional GET, backlog, restart, flood cap."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from briefings.briefing import MessageKind
from briefings.config import FetchConfig
from briefings.cycle import run_poll_cycle
from briefings.feeds import poller
from briefings.feeds.fetch import Fetcher
from briefings.models import Status
from briefings.pipeline import Pipeline
from briefings.store import deals
from briefings.store.database import make_engine, session_factory, transaction
from briefings.store.tables import OutboxRow, StoryRow
from briefings.triage import Triage
from tests.feeds.cycling import (
    CONFIRMED_TEXT,
    DEAL_TEXT,
    START,
    Harness,
    conditional_feed,
    deal_items,
    make_config,
)
from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer, respond

LATER = START + timedelta(minutes=16)


@pytest.fixture
def harness(sessions: sessionmaker[Session], fetch_config: FetchConfig) -> Harness:
    return Harness(sessions, make_config(fetch_config))


def test_stories_are_stored_oldest_first_whatever_feed_answers_first(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer) -> None:
    one_at_a_time = Harness(sessions, make_config(fetch_config.model_copy(
        update={"concurrency": 1})))  # feeds are then fetched in the order they are listed
    confirmed = Item("Anthropic signs deal for Microsoft Maia chips", "https://wire.example/c",
                     "c", START - timedelta(hours=1), CONFIRMED_TEXT)
    rumour = Item("Anthropic weighs Microsoft Maia chips", "https://wire.example/r", "r",
                  START - timedelta(hours=2), DEAL_TEXT)
    one_at_a_time.add_feed("answers first", server.static("/first", rss([confirmed])))
    one_at_a_time.add_feed("answers last", server.static("/last", rss([rumour])))
    one_at_a_time.cycle(START)
    with transaction(sessions) as session:
        [deal] = deals.recent_deals(session, 1)
        history = deals.get_deal(session, deal.key, with_history=True)
        kinds = [row.kind for row in session.scalars(select(OutboxRow).order_by(OutboxRow.id))]
    assert history is not None
    assert [change.status for change in history.history] == [Status.UNCONFIRMED,
                                                              Status.CONFIRMED]
    assert kinds[0] == MessageKind.NEW_DEAL and MessageKind.STATUS_CHANGE in kinds


def test_unchanged_feed_costs_no_parse_over_three_cycles(
        harness: Harness, server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    items = deal_items(3)
    harness.add_feed("wire", server.route("/wire", conditional_feed(lambda: items)))
    parses = []
    real = poller.parse_document

    def counting(*args: Any, **kwargs: Any) -> Any:
        parses.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(poller, "parse_document", counting)
    reports = [harness.cycle(START + timedelta(minutes=16 * i)) for i in range(3)]
    assert [r.new for r in reports] == [3, 0, 0]
    assert len(parses) == 1
    etags = [seen.headers.get("if-none-match") for seen in server.hits("/wire")]
    assert etags[0] is None and etags[1] == etags[2] is not None
    assert harness.health("wire").last_status == 304


def test_one_fetcher_polls_every_cycle_on_the_same_worker_threads(
        harness: Harness, server: FeedServer) -> None:
    """Threads started afresh each cycle fragmented malloc's arenas (issue 8's soak)."""
    for name in ("a", "b"):
        harness.add_feed(name, server.static(f"/{name}", rss(deal_items(2, prefix=name))))
    pipeline = Pipeline(harness.sessions, harness.config, Triage(harness.config.watchlist))
    earlier = set(threading.enumerate())  # other tests' fetchers may still be collected meanwhile
    with Fetcher(harness.config.briefings.fetch) as fetcher:
        workers = []
        for now in (START, LATER):
            run_poll_cycle(harness.sessions, fetcher, pipeline, harness.feeds, now)
            workers.append({t for t in threading.enumerate()
                            if t.name.startswith("poll_") and t not in earlier})
    # The pool starts threads lazily, so a later cycle may add one up to its size, but it never
    # replaces the threads it has.
    assert workers[0] and workers[0] <= workers[1]
    assert len(workers[1]) <= harness.config.briefings.fetch.concurrency
    assert not any(thread.is_alive() for thread in workers[0])  # closing the fetcher ends them


def test_guids_that_change_every_fetch_post_nothing_new(harness: Harness,
                                                        server: FeedServer) -> None:
    fetches = itertools.count()

    def churning(request: BaseHTTPRequestHandler) -> None:
        run = next(fetches)
        items = [Item(i.title, i.link, f"{i.guid}-fetch-{run}", None, i.description)
                 for i in deal_items(4)]
        respond(request, 200, rss(items))

    harness.add_feed("churn", server.route("/churn", churning))
    harness.cycle(START)
    posts = harness.count(OutboxRow)
    assert harness.cycle(LATER).new == 0
    assert (harness.count(StoryRow), harness.count(OutboxRow)) == (4, posts)


def test_same_story_in_two_feeds_is_stored_once(harness: Harness, server: FeedServer) -> None:
    [item] = deal_items(1)
    copy = Item("Syndicated: " + item.title, item.link + "?utm_source=partner", "other-guid",
                None, item.description)
    harness.add_feed("one", server.static("/one", rss([item])))
    harness.add_feed("two", server.static("/two", rss([copy])))
    harness.cycle(START)
    assert harness.count(StoryRow) == 1


def test_new_feed_backlog_is_recorded_but_not_announced(harness: Harness,
                                                       server: FeedServer) -> None:
    old = [Item(f"old {i}: Anthropic weighs Microsoft Maia chips", f"https://wire.example/o{i}",
                f"o{i}", START - timedelta(days=7 * i + 3), "Anthropic in talks with Microsoft.")
           for i in range(100)]
    fresh = deal_items(2, prefix="fresh", when=START - timedelta(hours=2))
    harness.add_feed("archive", server.static("/archive", rss(fresh + old)))
    harness.cycle(START)
    stories = harness.stories()
    assert len(stories) == 102
    assert sorted(s.title.split(":")[0] for s in stories if s.announce) == ["fresh 0", "fresh 1"]


def test_restart_on_the_same_database_sees_nothing_new(harness: Harness, server: FeedServer,
                                                       engine: Engine) -> None:
    harness.add_feed("wire", server.static("/wire", rss(deal_items(5))))
    harness.cycle(START)
    posts = harness.count(OutboxRow)
    fresh_engine = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        restarted = Harness(session_factory(fresh_engine), harness.config, harness.feeds)
        assert restarted.cycle(LATER).new == 0
        assert restarted.count(OutboxRow) == posts
    finally:
        fresh_engine.dispose()


def test_410_disables_the_feed(harness: Harness, server: FeedServer) -> None:
    harness.add_feed("gone", server.static("/gone", b"", 410))
    harness.cycle(START)
    harness.cycle(START + timedelta(days=3))
    assert len(server.hits("/gone")) == 1
    assert harness.health("gone").state == "disabled"


def test_failures_back_off_turn_unhealthy_and_one_success_resets(harness: Harness,
                                                                server: FeedServer) -> None:
    harness.add_feed("flaky", server.static("/flaky", b"down", 500))
    now, delays = START, []
    for _ in range(3):
        harness.cycle(now)
        health = harness.health("flaky")
        assert health.next_check_at is not None
        delays.append(health.next_check_at - now)
        now = health.next_check_at
    tick = timedelta(minutes=1)
    assert delays == [timedelta(minutes=m) - tick for m in (15, 30, 60)]
    assert (health.state, health.consecutive_failures, health.last_status) == ("unhealthy", 3, 500)
    server.static("/flaky", rss(deal_items(1)))
    harness.cycle(now)
    recovered = harness.health("flaky")
    assert (recovered.state, recovered.consecutive_failures) == ("ok", 0)


@pytest.mark.parametrize(("retry_after", "wait"), [("7200", timedelta(hours=2)),
                                                   ("Tue, 24 Nov 2026 15:00:00 GMT",
                                                    timedelta(hours=3)),
                                                   ("garbage", timedelta(minutes=14))])
def test_retry_after_is_honoured(harness: Harness, server: FeedServer, retry_after: str,
                                 wait: timedelta) -> None:
    headers = {"Retry-After": retry_after, "Date": "Tue, 24 Nov 2026 12:00:00 GMT"}
    harness.add_feed("busy", server.static("/busy", b"", 429, headers))
    harness.cycle(START)
    assert harness.health("busy").next_check_at == START + wait
    harness.cycle(START + wait - timedelta(minutes=1))
    assert len(server.hits("/busy")) == 1


@pytest.mark.parametrize(("control", "wait"), [("max-age=7200", timedelta(hours=2)),
                                               ("no-cache, max-age=9999", timedelta(minutes=14)),
                                               ("max-age=999999", timedelta(hours=24))])
def test_cache_hints_stretch_the_interval_within_the_cap(harness: Harness, server: FeedServer,
                                                         control: str, wait: timedelta) -> None:
    harness.add_feed("hinted", server.static("/hinted", rss(deal_items(1)),
                                             headers={"Cache-Control": control}))
    harness.cycle(START)
    assert harness.health("hinted").next_check_at == START + wait


def test_permanent_redirect_moves_the_feed_and_keeps_story_identity(
        harness: Harness, server: FeedServer) -> None:
    server.static("/new-home", rss(deal_items(2)))
    old = server.static("/old-home", b"", 301, {"Location": "/new-home"})
    harness.add_feed("moved", old)
    harness.cycle(START)
    assert harness.health("moved").url == server.url("/new-home")
    assert harness.cycle(LATER).new == 0
    assert [s.path for s in server.requests] == ["/old-home", "/new-home", "/new-home"]


def test_a_stalled_feed_does_not_stop_the_others(harness: Harness, server: FeedServer) -> None:
    def stalled(request: BaseHTTPRequestHandler) -> None:
        server.sleep(30)

    harness.add_feed("stuck", server.route("/stuck", stalled))
    for index in range(4):
        harness.add_feed(f"ok{index}", server.static(f"/ok{index}",
                                                     rss(deal_items(1, prefix=f"ok{index}"))))
    assert harness.cycle(START).new == 4
    assert harness.health("stuck").state == "failing"
    assert "ReadTimeout: server silent" in (harness.health("stuck").last_error or "")


def test_a_stop_mid_fetch_stores_that_feed_and_leaves_the_rest_due(
        sessions: sessionmaker[Session], fetch_config: FetchConfig, server: FeedServer) -> None:
    """SIGTERM while one worker fetches the first of three feeds: that fetch completes and is
    stored and recorded; the other two are never asked for, and stay due with no failure."""
    one_worker = Harness(sessions, make_config(fetch_config.model_copy(
        update={"concurrency": 1, "read_timeout": 10.0, "total_timeout": 10.0})))
    holding, release, stop = threading.Event(), threading.Event(), threading.Event()

    def held(request: BaseHTTPRequestHandler) -> None:
        holding.set()
        release.wait(10)
        respond(request, 200, rss(deal_items(2, prefix="held")))

    def stop_mid_fetch() -> None:
        if holding.wait(10):
            stop.set()  # as the SIGTERM handler does
        release.set()

    one_worker.add_feed("held", server.route("/held", held))
    for name in ("second", "third"):
        one_worker.add_feed(name, server.static(f"/{name}", rss(deal_items(1, prefix=name))))
    stopper = threading.Thread(target=stop_mid_fetch)
    stopper.start()
    report = one_worker.cycle(START, stop=stop)
    stopper.join()
    assert stop.is_set(), "the held feed was never fetched"
    assert report.new == 2
    assert {story.feed for story in one_worker.stories()} == {"held"}
    first = one_worker.health("held")
    assert (first.state, first.last_status, first.entries_seen) == ("ok", 200, 2)
    assert first.next_check_at is not None and first.next_check_at > START
    assert [seen.path for seen in server.requests] == ["/held"]
    for name in ("second", "third"):
        left = one_worker.health(name)
        assert (left.state, left.consecutive_failures, left.last_status) == ("new", 0, None)
        assert left.next_check_at is None and left.last_error is None  # still due
    assert one_worker.cycle(START).new == 2  # the next cycle polls the two left over
    assert sorted(seen.path for seen in server.requests) == ["/held", "/second", "/third"]


def test_flood_is_capped_per_cycle_and_the_rest_follow(harness: Harness,
                                                       server: FeedServer) -> None:
    items = deal_items(2)
    harness.add_feed("flood", server.route("/flood", conditional_feed(lambda: items)),
                     max_new_per_cycle=3)
    harness.cycle(START)
    items = deal_items(2) + deal_items(7, prefix="burst", when=START + timedelta(minutes=5))
    news = [harness.cycle(START + timedelta(minutes=16 * i)).new for i in range(1, 5)]
    assert news == [3, 3, 1, 0]
    assert harness.count(StoryRow) == 9


def test_new_feed_records_its_backlog_and_caps_its_recent_stories(
        harness: Harness, server: FeedServer) -> None:
    old = deal_items(20, prefix="old", when=START - timedelta(days=30))
    recent = deal_items(5, prefix="recent", when=START - timedelta(hours=1))
    harness.add_feed("busy", server.static("/busy", rss(old + recent)), max_new_per_cycle=2)
    harness.cycle(START)
    stories = harness.stories()
    assert len(stories) == 22
    assert sum(s.announce for s in stories) == 2
    news = [harness.cycle(START + timedelta(minutes=16 * i)).new for i in range(1, 4)]
    assert news == [2, 1, 0]


def test_hostile_text_is_stored_safely(harness: Harness, server: FeedServer) -> None:
    body = rss([Item("Nul\x00 and bell\x07 &#xD800; title", "https://wire.example/h", "h",
                     None, "text &#0; with &#x1; controls \x0c and surrogate &#xDFFF;")])
    harness.add_feed("hostile", server.static("/hostile", body.replace(b"&amp;#", b"&#")))
    harness.cycle(START)
    [story] = harness.stories()
    assert "\x00" not in story.title + story.text
