"""The sandbox behaves like Slack where delivery depends on it."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox

META = {"event_type": "deal_briefing", "event_payload": {"story_id": "s1"}}


def test_history_lists_top_level_and_broadcasts_and_metadata_only_on_request(
        slack: SlackSandbox) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    root = client.chat_postMessage(channel="C1", text="root", metadata=META)["ts"]
    client.chat_postMessage(channel="C1", text="quiet", thread_ts=root)
    client.chat_postMessage(channel="C1", text="loud", thread_ts=root, reply_broadcast=True)
    plain = client.conversations_history(channel="C1")["messages"]
    assert [m["text"] for m in plain] == ["loud", "root"] and "metadata" not in plain[1]
    full = client.conversations_history(channel="C1", include_all_metadata=True)["messages"]
    assert full[1]["metadata"] == META
    thread = client.conversations_replies(channel="C1", ts=root, limit=2)
    assert [m["text"] for m in thread["messages"]] == ["root", "quiet"] and thread["has_more"]


def test_blocks_over_the_limits_are_refused_like_slack_does(slack: SlackSandbox) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    header = {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}
    for blocks in ([header], [{"type": "divider"}] * 51):
        try:
            client.chat_postMessage(channel="C1", text="x", blocks=blocks)
        except SlackApiError as exc:
            assert exc.response["error"] == "invalid_blocks"
        else:
            raise AssertionError("accepted")
    assert slack.channel("C1") == []
