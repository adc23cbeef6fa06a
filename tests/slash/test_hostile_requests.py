"""Hostile requests are refused before Bolt runs anything: a clean 4xx, a log line, no handler.

"No handler ran" is shown without waiting, as in test_signing: after the hostile request one good
request is sent, and the only payload the response_url urls receives is the good one's.
"""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import parse_qs, urlencode

import httpx
import pytest

from bot.sandbox import ResponseUrls, SlackSandbox
from tests.slash.support import (
    action_body,
    command_body,
    event_body,
    post,
    signature,
    signed_headers,
)

FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in str(int(time.time())))


def _raw(web: str, body: str, headers: list[tuple[str, bytes]]) -> httpx.Response:
    """Headers sent as bytes, as a hostile client can (httpx refuses non-ASCII str headers)."""
    headers = [*headers, ("Content-Type", b"application/x-www-form-urlencoded")]
    return httpx.post(web + "/slack/events", content=body.encode(), headers=headers, timeout=10)


def _only_the_good_one_ran(web: str, urls: ResponseUrls) -> None:
    hook = urls.issue()
    good = command_body("help", hook)
    assert post(web, good, signed_headers(good)).status_code == 200
    assert hook.endswith("/" + urls.next().hook) and urls.responses.empty()


@pytest.mark.parametrize("timestamp", ["", FULL_WIDTH], ids=["empty", "full-width digits"])
def test_bad_timestamp_is_refused(web: str, urls: ResponseUrls, timestamp: str,
                                  caplog: pytest.LogCaptureFixture) -> None:
    body = command_body("help me", urls.issue())
    headers = [("X-Slack-Request-Timestamp", timestamp.encode()),
               ("X-Slack-Signature", signature(body, timestamp).encode())]
    with caplog.at_level(logging.WARNING, logger="bot.web"):
        assert _raw(web, body, headers).status_code == 401
    assert "valid Slack signature" in caplog.text
    _only_the_good_one_ran(web, urls)


def _action(urls: ResponseUrls, actions: object) -> str:
    payload = json.loads(parse_qs(action_body("q:", urls.issue()))["payload"][0])
    payload["actions"] = actions
    return urlencode({"payload": json.dumps(payload)})


MALFORMED_ACTIONS = {
    "a string": "nonsense",
    "a list of numbers": [1],
    "an empty list": [],
    "a numeric action_id": [{"action_id": 7, "value": "q:"}],
    "a value that is an object": [{"action_id": "deal_status_share", "value": {"x": 1}}],
}


@pytest.mark.parametrize("name", list(MALFORMED_ACTIONS))
def test_malformed_block_actions_are_a_clean_400(web: str, urls: ResponseUrls, name: str,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    body = _action(urls, MALFORMED_ACTIONS[name])
    with caplog.at_level(logging.WARNING, logger="bot.web"):
        assert post(web, body, signed_headers(body)).status_code == 400
    assert "refused a signed Slack request: block_actions" in caplog.text
    _only_the_good_one_ran(web, urls)


@pytest.mark.parametrize("user", [12345, None, {"id": "U1"}])
def test_app_home_opened_with_a_non_text_user_is_a_clean_400(
        web: str, urls: ResponseUrls, slack: SlackSandbox, user: object,
        caplog: pytest.LogCaptureFixture) -> None:
    body = event_body({"type": "app_home_opened", "user": user, "tab": "home"})
    headers = {**signed_headers(body), "Content-Type": "application/json"}
    with caplog.at_level(logging.WARNING, logger="bot.web"):
        assert post(web, body, headers).status_code == 400
    assert "app_home_opened whose user is not text" in caplog.text
    _only_the_good_one_ran(web, urls)
    assert slack.calls("views.publish") == []


def test_a_signed_body_that_is_not_utf8_is_refused(web: str, urls: ResponseUrls) -> None:
    raw = b"command=%2Fdeal-status&text=\xff\xfe"
    ts = str(int(time.time()))
    sig = signature(raw.decode("latin-1"), ts)
    response = httpx.post(web + "/slack/events", content=raw, timeout=10, headers={
        "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig,
        "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 401
    _only_the_good_one_ran(web, urls)
