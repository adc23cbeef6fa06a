"""Slack's error codes, classified from its method references (issue #16), and a deal post that
someone deleted: the next message starts a new thread saying the earlier post was removed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.delivery.messages import REMOVED_NOTE
from bot.delivery.outcomes import SLOW_DOWN_SECONDS, Kind, classify
from bot.sandbox.faults import api_error
from tests.delivery.support import ALL, T0, C, U, World, story, verdict


def _error(code: str) -> SlackApiError:
    response = SlackResponse(client=None, http_verb="POST", api_url="x", req_args={},
                             data={"ok": False, "error": code}, headers={}, status_code=200)
    return SlackApiError("failed", response)


@pytest.mark.parametrize(("code", "kind"), [
    ("rate_limited", Kind.RATE_LIMITED),
    ("message_limit_exceeded", Kind.RATE_LIMITED),
    ("restricted_action", Kind.PERMANENT),
    ("restricted_action_read_only_channel", Kind.PERMANENT),
    ("restricted_action_thread_only_channel", Kind.PERMANENT),
    ("metadata_too_large", Kind.PERMANENT),
    ("msg_blocks_too_long", Kind.PERMANENT),
    ("msg_too_long", Kind.PERMANENT),
    ("is_archived", Kind.PERMANENT),
    ("channel_not_found", Kind.PERMANENT),
    ("message_not_found", Kind.ROOT_DELETED),
    ("token_revoked", Kind.TOKEN),
    ("invalid_auth", Kind.TOKEN),
    ("account_inactive", Kind.TOKEN),
])
def test_error_codes_are_classified(code: str, kind: Kind) -> None:
    outcome = classify(_error(code), T0)
    assert outcome.kind is kind
    if code == "rate_limited":
        assert outcome.wait_seconds == SLOW_DOWN_SECONDS


def test_the_rate_limited_code_waits_and_then_posts(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(api_error("rate_limited", times=1))
    report = world.deliver()
    assert report.rate_limited == 1 and report.sent == 1 and report.failed == 0
    assert world.clock.now - T0 >= timedelta(seconds=SLOW_DOWN_SECONDS)


def _text(message: dict[str, Any]) -> str:
    return str(message.get("text", ""))


def test_a_deleted_deal_post_is_replaced_by_a_new_root_saying_so(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    [root] = world.posts()
    world.slack.delete(ALL.id, root["ts"])
    world.clock.advance(hours=1)
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(C)))
    world.deliver()
    tops = [m for m in world.posts() if not m.get("thread_ts")]
    assert len(tops) == 1 and REMOVED_NOTE in _text(tops[0])
    assert {row.state for row in world.rows()} == {"sent"}
    world.clock.advance(hours=1)
    world.ingest((story("s3", published=T0 + timedelta(hours=2)), verdict(C)))
    world.deliver()
    assert world.posts()[-1].get("thread_ts") == tops[0]["ts"]  # the new root is the thread
