"""Reconciliation as Slack really allows it (issue #16, failures 1 and 2): a bot that posted to a
public channel without joining cannot read it, and non-Marketplace apps may read history once a
minute, 15 messages a page."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk import WebClient

from bot.sandbox.faults import api_error, lost_answer, rate_limited, server_error
from bot.sandbox.history import NON_MARKETPLACE, HistoryLimits
from briefings.store import outbox
from tests.delivery.support import ALL, T0, U, World, count_story, story, verdict

DEAL_B = "openai-google:tpu"


def _tops(world: World, deal_key: str) -> int:
    """Top-level posts of a deal in the channel."""
    return sum(1 for m in world.posts() if not m.get("thread_ts")
               and m["metadata"]["event_payload"].get("deal_key") == deal_key)


def test_a_lost_answer_in_a_channel_never_joined_is_found_and_the_deal_keeps_one_root(
        world: World) -> None:
    world.slack.state.workspace.add(ALL.id, "deals")  # public; the bot is not a member
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack))
    world.deliver()
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(U)))
    world.clock.advance(hours=1)
    world.deliver()
    assert _tops(world, "anthropic-microsoft:maia") == 1
    assert count_story(world, "s1") == 1 and count_story(world, "s2") == 1
    assert [row.state for row in world.rows()] == ["sent", "sent"]
    assert world.slack.calls("conversations.join")


def test_a_lookup_that_cannot_read_is_unverified_and_never_makes_a_second_root(
        world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults += [lost_answer(world.slack),
                                 api_error("missing_scope", "conversations.history")]
    report = world.deliver()
    assert report.unverified == 1
    [row] = world.rows()
    assert row.state == outbox.UNVERIFIED and "missing_scope" in (row.error or "")
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(U)))
    world.clock.advance(hours=1)
    world.deliver()
    assert _tops(world, "anthropic-microsoft:maia") == 1 and count_story(world, "s1") == 1


def _busy_channel(world: World, messages: int = 20) -> None:
    """A channel that already holds `messages` posts from an hour ago."""
    client = WebClient(token="xoxb-test", base_url=world.slack.url)
    for n in range(messages):
        client.chat_postMessage(channel=ALL.id, text=f"earlier {n}", metadata={
            "event_type": "deal_briefing", "event_payload": {"story_id": f"old{n}"}})
    world.clock.advance(hours=1)


def test_one_read_a_minute_and_fifteen_a_page_neither_starves_the_channel_nor_doubles(
        world: World) -> None:
    _busy_channel(world)
    world.slack.state.history = HistoryLimits(
        NON_MARKETPLACE, clock=lambda: world.clock().timestamp())
    world.ingest((story("a1"), verdict(U)),
                 (story("b1"), verdict(U, DEAL_B, parties=("OpenAI", "Google"))))
    # a1: a 500, nothing stored (the lookup must prove it absent); b1: stored, answer lost
    world.slack.state.faults += [server_error(), lost_answer(world.slack, after=1)]
    world.ingest((story("c1"), verdict(U, "xai-amd:mi300", parties=("xAI", "AMD"))))
    start = world.clock.now
    report = world.deliverer().drain(max_wait=600)
    assert [row.state for row in world.rows()] == ["sent", "sent", "sent"]
    assert [count_story(world, s) for s in ("a1", "b1", "c1", "old0")] == [1, 1, 1, 1]
    assert report.found == 1 and report.rate_limited >= 1  # the second lookup waited its minute
    assert world.clock.now - start < timedelta(minutes=5)
    pages = world.slack.calls("conversations.history")
    assert all(int(call.args["limit"]) <= 15 and call.args.get("oldest") for call in pages)


def test_a_lookup_put_off_for_minutes_still_searches_from_the_attempt_that_may_have_posted(
        world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults += [lost_answer(world.slack),
                                 rate_limited("conversations.history", retry_after="300", times=2)]
    report = world.deliverer().drain(max_wait=600)
    assert report.found == 1 and count_story(world, "s1") == 1
    [row] = world.rows()
    assert row.state == "sent" and row.ts == world.posts()[0]["ts"]
