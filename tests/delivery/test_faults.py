"""Slack faults (RELIABILITY cases 19, 20, 23, 24): every planned message ends up posted once, or
failed with its reason; nothing is doubled and a troubled channel does not hold up the others."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.sandbox.faults import api_error, lost_answer, rate_limited, server_error
from briefings.store import outbox
from tests.delivery.support import (
    ALL,
    NVIDIA_ONLY,
    T0,
    U,
    World,
    count_story,
    story,
    timeline,
    verdict,
)

OTHER = NVIDIA_ONLY.model_copy(update={"companies": ()})


def _two_channels(world: World) -> None:
    world.channels = (ALL, OTHER)
    world.ingest((story("s1"), verdict(U)))


def test_429_waits_retry_after_in_that_channel_only(world: World) -> None:
    _two_channels(world)
    world.slack.state.faults.append(rate_limited(channel=ALL.id, retry_after="2"))
    calls = timeline(world)
    world.deliver()
    posts = [(ch, at) for method, ch, at in calls if method == "chat.postMessage"]
    [(_, first), (_, other), (_, retry)] = posts
    assert retry - first >= timedelta(seconds=2)
    assert other == first  # the other channel went straight on
    assert count_story(world, "s1", ALL.id) == 1 and count_story(world, "s1", OTHER.id) == 1


@pytest.mark.parametrize("value", ["1.5", "soon", "", "Fri, 20 Nov 2026 09:00:03 GMT"])
def test_odd_retry_after_values_do_not_crash_the_worker(world: World, value: str) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(rate_limited(retry_after=value))
    report = world.deliver()
    assert report.rate_limited == 1 and report.sent == 1
    assert count_story(world, "s1") == 1


def test_server_errors_back_off_then_post_once(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults += [server_error(status=500), server_error(status=503)]
    report = world.deliver()
    assert report.retried == 2 and report.sent == 1
    assert count_story(world, "s1") == 1
    assert world.clock.now - T0 < timedelta(minutes=1)


def test_a_lost_answer_after_slack_stored_the_post_gives_one_message(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack))
    report = world.deliver()
    assert report.found == 1
    assert count_story(world, "s1") == 1
    [row] = world.rows()
    assert row.state == "sent" and row.ts == world.posts()[0]["ts"]


def test_a_timeout_after_slack_stored_the_post_gives_one_message(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack, delay=0.6))
    world.deliver(timeout=0.2)
    assert count_story(world, "s1") == 1


def test_a_lost_thread_reply_is_found_in_the_thread(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack))
    report = world.deliver()
    assert report.found == 1 and count_story(world, "s2") == 1
    assert world.slack.calls("conversations.replies")[0].args["include_all_metadata"] in (
        "1", True)


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
def test_permanent_errors_fail_with_the_reason_and_spare_other_channels(
        world: World, error: str) -> None:
    _two_channels(world)
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(U)))
    world.slack.state.faults.append(api_error(error, channel=OTHER.id))
    world.deliver()
    assert [r.state for r in world.rows() if r.channel == OTHER.id] == ["failed", "failed"]
    root, reply = (r for r in world.rows() if r.channel == OTHER.id)
    assert root.error == error and reply.error is not None and error in reply.error
    assert len([c for c in world.slack.calls("chat.postMessage")
                if c.args["channel"] == OTHER.id]) == 1
    assert count_story(world, "s1") == 1 and count_story(world, "s2") == 1


def test_an_unfamiliar_error_is_retried_once_then_failed(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(api_error("something_new"))
    world.deliver()
    assert len(world.slack.calls("chat.postMessage")) == 2
    assert world.rows()[0].state == "failed"


def test_a_crash_between_planning_and_sending_loses_nothing(world: World) -> None:
    world.ingest((story("s1"), verdict(U)), (story("s2", published=T0), verdict(U)))
    assert [r.state for r in world.rows()] == ["pending", "pending"]  # then the process died
    world.deliver()  # a new process
    assert count_story(world, "s1") == 1 and count_story(world, "s2") == 1


def test_a_crash_between_sending_and_marking_is_reconciled(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.ingest((story("s1"), verdict(U)))

    def crash(*args: object) -> None:
        raise SystemExit("killed after Slack acknowledged")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "mark_sent", crash)
        with pytest.raises(SystemExit):
            world.deliver()
    assert world.rows()[0].state == "sending" and count_story(world, "s1") == 1
    world.clock.advance(minutes=10)  # the restarted worker sees a stale claim
    report = world.deliver()
    assert report.recovered == 1 and report.found == 1
    assert count_story(world, "s1") == 1 and world.rows()[0].state == "sent"


def test_a_crash_after_claiming_but_before_sending_posts_after_restart(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.ingest((story("s1"), verdict(U)))
    with monkeypatch.context() as patch:
        patch.setattr("bot.delivery.rows.send", lambda *a: (_ for _ in ()).throw(
            SystemExit("killed before the call")))
        with pytest.raises(SystemExit):
            world.deliver()
    world.clock.advance(minutes=10)
    world.deliver()
    assert count_story(world, "s1") == 1


def test_a_claim_younger_than_the_lease_is_left_alone(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.ingest((story("s1"), verdict(U)))
    with monkeypatch.context() as patch:
        patch.setattr(outbox, "mark_sent", lambda *a: (_ for _ in ()).throw(SystemExit()))
        with pytest.raises(SystemExit):
            world.deliver()
    report = world.deliver()  # another worker may still be mid-send: do not touch it
    assert report.recovered == 0 and world.rows()[0].state == "sending"


def test_a_reply_waits_for_its_post_through_a_retry_and_keeps_the_order(world: World) -> None:
    world.ingest((story("s1"), verdict(U)),
                 (story("s2", published=T0 + timedelta(minutes=1)), verdict(U)))
    world.slack.state.faults.append(server_error(status=503, times=3))
    report = world.deliver()
    root, reply = world.posts()
    assert report.retried == 3 and reply["thread_ts"] == root["ts"]
    assert [m["metadata"]["event_payload"]["story_id"] for m in (root, reply)] == ["s1", "s2"]


def test_stop_finishes_the_message_in_flight_and_leaves_the_rest_pending(world: World) -> None:
    world.ingest(*((story(f"s{i}"), verdict(U, f"deal-{i}", parties=(f"L{i}", "M")))
                   for i in range(3)))
    deliverer = world.deliverer()

    def stop_after_first_post(method: str, args: dict[str, object]) -> None:
        if method == "chat.postMessage":
            deliverer.stop()  # SIGTERM arrives while the first post is in flight

    world.slack.state.faults.append(stop_after_first_post)  # type: ignore[arg-type]
    deliverer.drain()
    assert [r.state for r in world.rows()] == ["sent", "pending", "pending"]
    world.slack.state.faults.clear()
    world.deliver()  # the restarted process posts the rest
    assert [r.state for r in world.rows()] == ["sent", "sent", "sent"]


def test_delivery_logs_never_carry_the_token(world: World, caplog: pytest.LogCaptureFixture
                                             ) -> None:
    caplog.set_level(logging.DEBUG)
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults += [lost_answer(world.slack), api_error("invalid_auth", after=1)]
    world.ingest((story("s2", published=T0 + timedelta(hours=1)), verdict(U)))
    world.deliver()
    assert caplog.records and "xoxb-" not in caplog.text
