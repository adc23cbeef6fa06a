"""The stand-in refuses what Slack refuses: over-long text and blocks, no text, malformed blocks
and views; a response_url answers errors once expired, used up, or sent too much."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import ResponseUrls, SlackSandbox
from bot.sandbox.limits import BLOCKS_TEXT_MAX

CHANNEL = "C0DEALS01"


@pytest.fixture
def client(slack: SlackSandbox) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.url)


def _section(chars: int) -> dict[str, object]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": "x" * chars}}


def _error(call: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_post_text_over_40000_characters_is_msg_too_long(client: WebClient) -> None:
    assert client.chat_postMessage(channel=CHANNEL, text="x" * 40_000)["ok"]
    assert _error(lambda: client.chat_postMessage(channel=CHANNEL,
                                                  text="x" * 40_001)) == "msg_too_long"


def test_update_text_over_4000_characters_is_msg_too_long(client: WebClient) -> None:
    ts = client.chat_postMessage(channel=CHANNEL, text="short")["ts"]
    assert client.chat_update(channel=CHANNEL, ts=ts, text="x" * 4_000)["ok"]
    assert _error(lambda: client.chat_update(channel=CHANNEL, ts=ts,
                                             text="x" * 4_001)) == "msg_too_long"


def test_a_post_without_text_or_blocks_is_no_text(client: WebClient) -> None:
    assert _error(lambda: client.chat_postMessage(channel=CHANNEL, text="")) == "no_text"


def test_blocks_over_13000_characters_are_msg_blocks_too_long(client: WebClient) -> None:
    fits = [_section(2_600)] * 5
    assert client.chat_postMessage(channel=CHANNEL, text="t", blocks=fits)["ok"]
    over = [*fits, _section(BLOCKS_TEXT_MAX - 13_000 + 1)]  # 13,001 characters
    assert _error(lambda: client.chat_postMessage(channel=CHANNEL, text="t",
                                                  blocks=over)) == "msg_blocks_too_long"


def test_blocks_slack_sdk_rejects_are_invalid_blocks(client: WebClient) -> None:
    for bad in ({"type": "no_such_block"}, {"type": "section"}, _section(3_001)):
        assert _error(lambda b=bad: client.chat_postMessage(  # type: ignore[misc]
            channel=CHANNEL, text="t", blocks=[b])) == "invalid_blocks"


def test_views_publish_validates_the_view(client: WebClient) -> None:
    good = {"type": "home", "blocks": [_section(10)]}
    assert client.views_publish(user_id="U1", view=good)["ok"]
    bad = {"type": "home", "blocks": [{"type": "divider"}] * 101}
    assert _error(lambda: client.views_publish(user_id="U1", view=bad)) == "invalid_arguments"


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def timed() -> Iterator[tuple[ResponseUrls, _Clock]]:
    clock = _Clock()
    urls = ResponseUrls(clock).start()
    yield urls, clock
    urls.stop()


def _send(url: str, payload: dict[str, object]) -> httpx.Response:
    return httpx.post(url, json=payload, timeout=5)


def test_response_url_takes_five_messages_then_says_used_url(
        timed: tuple[ResponseUrls, _Clock]) -> None:
    urls, _ = timed
    url = urls.issue()
    assert [_send(url, {"text": f"n{i}"}).status_code for i in range(5)] == [200] * 5
    refused = _send(url, {"text": "sixth"})
    assert (refused.status_code, refused.text) == (404, "used_url")
    assert len(urls.screen.private) == 5


def test_response_url_expires_after_30_minutes(timed: tuple[ResponseUrls, _Clock]) -> None:
    urls, clock = timed
    url = urls.issue()
    clock.now = 30 * 60
    assert _send(url, {"text": "in time"}).status_code == 200
    clock.now = 30 * 60 + 1
    refused = _send(url, {"text": "late"})
    assert (refused.status_code, refused.text) == (404, "expired_url")


def test_response_url_refuses_too_long_blocks_and_shows_nothing(
        timed: tuple[ResponseUrls, _Clock]) -> None:
    urls, _ = timed
    refused = _send(urls.issue(), {"text": "t", "blocks": [_section(2_900)] * 5})
    assert (refused.status_code, refused.text) == (400, "msg_blocks_too_long")
    assert urls.next().error == "msg_blocks_too_long"
    assert urls.screen.private == {} and urls.screen.channel == []
