"""The sandbox refuses what Slack refuses: channel membership, the history rate regimes, token-wide
errors and deleted messages (issue #16, "a faithful stand-in")."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox
from bot.sandbox.history import NON_MARKETPLACE, HistoryLimits


def _client(slack: SlackSandbox) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.url, retry_handlers=[])


def _error(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(raised.value.response["error"])


def test_a_public_channel_takes_posts_but_not_reads_until_the_bot_joins(
        slack: SlackSandbox) -> None:
    slack.state.workspace.add("C1", "deals")
    client = _client(slack)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]  # chat:write.public
    assert _error(client.conversations_history, channel="C1") == "not_in_channel"
    assert client.conversations_join(channel="C1")["ok"]
    assert client.conversations_join(channel="C1")["warning"] == "already_in_channel"
    assert [m["text"] for m in client.conversations_history(channel="C1")["messages"]] == ["hi"]


def test_private_archived_and_unknown_channels(slack: SlackSandbox) -> None:
    workspace = slack.state.workspace
    workspace.strict = True
    workspace.add("G1", "secret", private=True)
    workspace.add("C2", "old", archived=True, member=True)
    client = _client(slack)
    assert _error(client.chat_postMessage, channel="G1", text="x") == "channel_not_found"
    assert _error(client.conversations_join, channel="G1") == "channel_not_found"
    assert _error(client.chat_postMessage, channel="C2", text="x") == "is_archived"
    assert _error(client.conversations_join, channel="C2") == "is_archived"
    assert _error(client.chat_postMessage, channel="C404", text="x") == "channel_not_found"
    workspace.channels["G1"].member = True  # invited
    assert client.chat_postMessage(channel="G1", text="x")["ok"]
    refused = _error(client.conversations_join, channel="G1")
    assert refused == "method_not_supported_for_channel_type"


def test_non_marketplace_history_is_one_read_a_minute_and_fifteen_a_page(
        slack: SlackSandbox) -> None:
    now = [1000.0]
    slack.state.history = HistoryLimits(NON_MARKETPLACE, scale=0.5, clock=lambda: now[0])
    client = _client(slack)
    for n in range(20):
        client.chat_postMessage(channel="C1", text=str(n))
    page = client.conversations_history(channel="C1", limit=200)
    assert len(page["messages"]) == 15 and page["has_more"]
    with pytest.raises(SlackApiError) as raised:
        client.conversations_history(channel="C1")
    assert raised.value.response.status_code == 429
    assert float(raised.value.response.headers["Retry-After"]) == 30.0  # half a minute, scaled
    assert client.conversations_replies(channel="C1", ts=page["messages"][0]["ts"])["ok"]
    now[0] += 30.0
    assert client.conversations_history(channel="C1")["ok"]


def test_history_window_by_oldest_latest_inclusive(slack: SlackSandbox) -> None:
    client = _client(slack)
    stamps = [client.chat_postMessage(channel="C1", text=str(n))["ts"] for n in range(4)]
    page = client.conversations_history(channel="C1", oldest=stamps[1], latest=stamps[2],
                                        inclusive=True)
    assert [m["ts"] for m in page["messages"]] == [stamps[2], stamps[1]]
    page = client.conversations_history(channel="C1", oldest=stamps[1], latest=stamps[2])
    assert page["messages"] == []


def test_token_wide_errors_answer_every_method(slack: SlackSandbox) -> None:
    client = _client(slack)
    for error in ("invalid_auth", "token_revoked", "account_inactive"):
        slack.state.token_error = error
        assert _error(client.auth_test) == error
        assert _error(client.chat_postMessage, channel="C1", text="x") == error
    slack.state.token_error = None
    assert client.auth_test()["ok"] and slack.channel("C1") == []


def test_an_update_of_a_deleted_message_is_message_not_found(slack: SlackSandbox) -> None:
    client = _client(slack)
    ts = client.chat_postMessage(channel="C1", text="root")["ts"]
    slack.delete("C1", ts)
    assert _error(client.chat_update, channel="C1", ts=ts, text="edit") == "message_not_found"
    assert client.conversations_history(channel="C1")["messages"] == []


def test_conversations_open_answers_the_same_dm_for_the_same_person(
        slack: SlackSandbox) -> None:
    client = _client(slack)
    first = client.conversations_open(users="U0ANA0001")
    again = client.conversations_open(users="U0ANA0001", return_im=True)
    other = client.conversations_open(users="U0BEN0001")
    dm = first["channel"]["id"]
    assert dm.startswith("D") and "no_op" not in first.data
    assert again["channel"]["id"] == dm and again["already_open"] and again["channel"]["is_im"]
    assert other["channel"]["id"] not in (dm, "")
    assert client.conversations_open(channel=dm)["channel"]["id"] == dm
    assert _error(client.api_call, "conversations.open") == "users_list_not_supplied"
    assert _error(client.conversations_open, users="nobody") == "user_not_found"
    slack.state.workspace.dms.disabled.add("U0GONE001")
    assert _error(client.conversations_open, users="U0GONE001") == "user_disabled"


def test_a_post_to_a_user_id_lands_in_their_dm_which_the_bot_can_read(
        slack: SlackSandbox) -> None:
    client = _client(slack)
    posted = client.chat_postMessage(channel="U0ANA0001", text="hello")
    dm = client.conversations_open(users="U0ANA0001")["channel"]["id"]
    assert posted["channel"] == dm
    assert [m["text"] for m in client.conversations_history(channel=dm)["messages"]] == ["hello"]
    assert slack.dm("U0ANA0001")[0]["ts"] == posted["ts"]
    slack.state.workspace.dms.messages_tab = False
    assert _error(client.chat_postMessage, channel=dm, text="again") == "messages_tab_disabled"
