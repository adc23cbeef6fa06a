"""The Web API clients: what the SDK may retry by itself, and what it must leave to the outbox."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox
from bot.sandbox.faults import lost_answer, rate_limited
from bot.settings import Settings
from bot.slack import make_delivery_client, make_web_client


def _settings(slack: SlackSandbox) -> Settings:
    return Settings(_env_file=None, slack_bot_token=SecretStr("xoxb-test"),  # type: ignore[call-arg]
                    slack_api_url=slack.url)


def test_listener_client_survives_a_fractional_retry_after(slack: SlackSandbox) -> None:
    slack.state.faults.append(rate_limited("auth.test", retry_after="0.05"))
    assert make_web_client(_settings(slack)).auth_test()["ok"]
    assert [c.status for c in slack.calls("auth.test")] == [429, 200]


def test_delivery_client_hands_429_back_instead_of_sleeping(slack: SlackSandbox) -> None:
    slack.state.faults.append(rate_limited(retry_after="30"))
    with pytest.raises(SlackApiError) as raised:
        make_delivery_client(_settings(slack)).chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 429


def test_reads_are_retried_after_a_dropped_connection_but_writes_are_not(
        slack: SlackSandbox) -> None:
    client = make_delivery_client(_settings(slack))
    slack.state.faults.append(lost_answer(slack, "conversations.history"))
    assert client.conversations_history(channel="C1")["ok"]
    slack.state.faults.append(lost_answer(slack))
    with pytest.raises(OSError):
        client.chat_postMessage(channel="C1", text="x")
    assert len(slack.calls("chat.postMessage")) == 1 and len(slack.channel("C1")) == 1
