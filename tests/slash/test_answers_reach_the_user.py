"""Answers under load and refusal: acks never wait behind lookups, App Home is published lazily, a
long 429 is not waited for, refused answers are logged, a refused share keeps the private answer,
and `/deal-status feeds` with many failing feeds stays inside Slack's block-size limit."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import update

from bot.app import LISTENER_THREADS
from bot.listeners import app_home
from bot.listeners.answers import Answers
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.sandbox.faults import rate_limited
from bot.services import Services
from briefings.config import FeedConfig
from briefings.store.database import transaction
from briefings.store.feeds import sync_feeds
from briefings.store.tables import FeedRow
from tests.slash.support import action_body, command_body, event_body, post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")


@pytest.fixture
def stalled(monkeypatch: pytest.MonkeyPatch
            ) -> Iterator[tuple[threading.Event, threading.Semaphore]]:
    """Every lookup blocks until released; `started` counts lookups that have begun."""
    release, started = threading.Event(), threading.Semaphore(0)
    original = Answers.answer

    def slow(self: Answers, *args: Any) -> Any:
        started.release()
        release.wait(timeout=60)
        return original(self, *args)

    monkeypatch.setattr(Answers, "answer", slow)
    yield release, started
    release.set()


def test_acks_never_wait_behind_stalled_lookups(
        web: str, urls: ResponseUrls,
        stalled: tuple[threading.Event, threading.Semaphore]) -> None:
    release, started = stalled
    stuck = LISTENER_THREADS + 2  # more than the pool: the issue's requests 9 and 10
    bodies = [command_body("msft maia", urls.issue()) for _ in range(stuck)]
    with ThreadPoolExecutor(stuck) as pool:
        codes = list(pool.map(lambda b: post(web, b, signed_headers(b)).status_code, bodies))
    assert codes == [200] * stuck and not release.is_set()
    for _ in range(LISTENER_THREADS):
        assert started.acquire(timeout=10)  # the pool is full of stalled lookups
    late = command_body("help", urls.issue())
    assert post(web, late, signed_headers(late)).status_code == 200
    assert urls.responses.empty()
    release.set()
    answers = [urls.next() for _ in range(stuck + 1)]
    assert all(a.error is None for a in answers)


def test_app_home_is_acked_before_the_board_is_read(
        web: str, slack: SlackSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    release, original = threading.Event(), app_home.board

    def slow_board(services: Services, reads: Any) -> dict[str, Any]:
        release.wait(timeout=60)
        return original(services, reads)

    monkeypatch.setattr(app_home, "board", slow_board)
    body = event_body({"type": "app_home_opened", "user": "U0ANALYST", "tab": "home"})
    assert post(web, body, signed_headers(body)).status_code == 200
    assert slack.calls("views.publish") == []
    release.set()
    for _ in range(400):
        if slack.calls("views.publish"):
            break
        threading.Event().wait(0.025)
    assert slack.calls("views.publish")[0].args["user_id"] == "U0ANALYST"


def test_a_long_rate_limit_inside_a_listener_is_not_waited_for(
        web: str, slack: SlackSandbox, urls: ResponseUrls) -> None:
    slack.state.faults.append(rate_limited("chat.getPermalink", retry_after="20"))
    body = command_body("msft maia", urls.issue())
    post(web, body, signed_headers(body))
    answer = urls.next(timeout=10)  # waiting out Retry-After: 20 would miss this
    assert answer.error is None and "Anthropic + Microsoft: Maia" in json.dumps(answer.payload)
    assert len(slack.calls("chat.getPermalink")) == 1


def test_a_refused_answer_is_logged_and_an_apology_sent(
        web: str, urls: ResponseUrls, caplog: pytest.LogCaptureFixture) -> None:
    urls.refusals.append(lambda p: (400, "invalid_blocks") if p.get("blocks") else None)
    body = command_body("msft maia", urls.issue())
    with caplog.at_level(logging.WARNING):
        post(web, body, signed_headers(body))
        refused, apology = urls.next(), urls.next()
    assert refused.error == "invalid_blocks"
    assert apology.error is None and "could not answer" in apology.payload["text"]
    assert "/deal-status answer: Slack refused it (HTTP 400: invalid_blocks)" in caplog.text


def _asked(web: str, urls: ResponseUrls, text: str) -> tuple[str, str]:
    """Ask, and return (the shown answer's id, its share button's value)."""
    ask = urls.issue()
    body = command_body(text, ask)
    post(web, body, signed_headers(body))
    answer = urls.next()
    source = urls.source_of(ask)
    assert answer.error is None and source is not None
    return source, str(answer.payload["blocks"][-1]["elements"][0]["value"])


def test_a_refused_share_keeps_the_private_answer(
        web: str, urls: ResponseUrls, caplog: pytest.LogCaptureFixture) -> None:
    source, value = _asked(web, urls, "msft maia")
    urls.refusals.append(
        lambda p: (403, "action_prohibited") if p.get("response_type") == "in_channel" else None)
    body = action_body(value, urls.issue(source))
    with caplog.at_level(logging.WARNING):
        assert post(web, body, signed_headers(body)).status_code == 200
        refused, apology = urls.next(), urls.next()
    assert refused.error == "action_prohibited"
    assert "could not be shared" in apology.payload["text"]
    assert source in urls.screen.private and urls.screen.channel == []
    assert "shared answer: Slack refused it (HTTP 403: action_prohibited)" in caplog.text


def test_a_share_removes_the_private_answer_only_after_the_channel_post(
        web: str, urls: ResponseUrls) -> None:
    source, value = _asked(web, urls, "msft maia")
    body = action_body(value, urls.issue(source))
    post(web, body, signed_headers(body))
    shared, removed = urls.next(), urls.next()
    assert shared.error is None and shared.payload["response_type"] == "in_channel"
    assert removed.payload.get("delete_original") and removed.error is None
    assert source not in urls.screen.private and len(urls.screen.channel) == 1


def test_feed_health_with_many_failing_feeds_stays_inside_the_limit(
        web: str, urls: ResponseUrls, services: Services) -> None:
    feeds = [FeedConfig(name=f"Feed {i:02d} " + "n" * 150, url=f"https://f{i}.example/rss")
             for i in range(45)]
    with transaction(services.sessions) as session:
        sync_feeds(session, feeds)
        session.execute(update(FeedRow).values(consecutive_failures=9,
                                               last_error="TLS handshake failed " * 20))
    body = command_body("feeds", urls.issue())
    post(web, body, signed_headers(body))
    answer = urls.next()
    assert answer.error is None, answer.error
    text = json.dumps(answer.payload)
    assert "Feed 00" in text and "more feeds not shown" in text
    assert answer.payload["blocks"][-1]["type"] == "actions"  # the share button survived
