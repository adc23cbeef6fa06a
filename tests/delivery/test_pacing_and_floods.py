"""Pacing (benchmark 9: no 429 across a 30-story burst to one channel) and flood caps (case 15)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import rows
from bot.sandbox.faults import channel_pacing
from briefings.planning import FloodLimits
from tests.delivery.support import (
    ALL,
    NVIDIA_ONLY,
    T0,
    FakeClock,
    U,
    World,
    story,
    story_ids,
    verdict,
)

OTHER = NVIDIA_ONLY.model_copy(update={"companies": ()})


def _burst(world: World, n: int, feed: str = "Wire") -> None:
    world.ingest(*((story(f"s{i}", feed=feed, published=T0 + timedelta(seconds=i)),
                    verdict(U, f"deal-{i}", parties=(f"Lab{i}", "Microsoft")))
                   for i in range(n)))


def test_a_30_story_burst_to_one_channel_meets_no_429(world: World) -> None:
    world.slack.state.faults.append(channel_pacing(world.clock, min_interval=1.0))
    _burst(world, 30)
    report = world.deliver()
    assert report.sent == 30 and report.rate_limited == 0
    assert all(c.status == 200 for c in world.slack.calls())
    assert len(world.posts()) == 30


def test_pacing_one_channel_does_not_slow_another(world: World) -> None:
    world.channels = (ALL, OTHER)
    _burst(world, 5)
    sent_at: dict[str, list[float]] = {ALL.id: [], OTHER.id: []}

    def record(method: str, args: dict[str, object]) -> None:
        sent_at[str(args["channel"])].append((world.clock() - T0).total_seconds())

    world.slack.state.faults.append(record)  # type: ignore[arg-type]
    world.deliver()
    assert sent_at[ALL.id] == sent_at[OTHER.id]  # interleaved, one per second each
    assert all(b - a >= 1.0 for a, b in zip(sent_at[ALL.id], sent_at[ALL.id][1:], strict=False))


def test_two_deliverers_pacing_apart_on_one_channel_still_send_each_message_once(
        world: World) -> None:
    """As when `poll --once` delivers beside the clock: two pacers, one outbox, one channel."""
    world.slack.state.faults.append(channel_pacing(world.clock, min_interval=1.0))
    _burst(world, 10)
    threads = [threading.Thread(target=world.deliverer().drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(story_ids(world)) == sorted(f"s{i}" for i in range(10))
    assert {r.state for r in world.rows()} == {"sent"}


def test_a_flooding_feed_gets_a_few_posts_per_cycle_and_the_rest_held_back(
        world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=3, per_channel_per_hour=100)
    report_ = world.ingest(*((story(f"s{i}", feed="Flood", published=T0),
                              verdict(U, f"deal-{i}", parties=(f"Lab{i}", "Microsoft")))
                             for i in range(10)))
    assert report_.planned == 3 and report_.held_back == 7
    held = [r for r in world.rows() if r.state == "skipped"]
    assert len(held) == 7 and all("flood cap" in (r.error or "") for r in held)
    world.deliver()
    assert len(world.posts()) == 4  # three briefings and one roll-up listing the other seven


def test_a_channel_gets_at_most_q_posts_an_hour(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=100, per_channel_per_hour=4)
    _burst(world, 3, feed="A")
    world.clock.advance(minutes=30)
    world.ingest(*((story(f"b{i}", feed="B"), verdict(U, f"deal-b{i}", parties=(f"B{i}", "X")))
                   for i in range(3)))
    assert len([r for r in world.rows() if r.state == "pending" and r.kind == "new_deal"]) == 4
    world.clock.advance(minutes=31)  # the first three are more than an hour old now
    report = world.ingest((story("c1", feed="C"), verdict(U, "deal-c1", parties=("C", "X"))))
    assert report.planned == 1


def test_a_held_back_deal_gets_its_post_with_its_next_story(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=1, per_channel_per_hour=100)
    world.ingest((story("a1", feed="F"), verdict(U, "deal-a", parties=("A", "X"))),
                 (story("b1", feed="F"), verdict(U, "deal-b", parties=("B", "X"))))
    world.ingest((story("b2", feed="F", published=T0 + timedelta(hours=1)),
                  verdict(U, "deal-b", parties=("B", "X"))))
    world.deliver()
    shown = [m["metadata"]["event_payload"].get("story_id") for m in world.posts()]
    assert shown == ["a1", None, "b2"]  # None: the first cycle's roll-up, listing deal-b
    assert all("thread_ts" not in m for m in world.posts())


def test_a_story_retried_after_a_write_conflict_counts_once_towards_the_flood_cap(
        world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)
    _conflict_once(world.sessions, "s0")
    report = world.ingest(*((story(f"s{i}", feed="F", published=T0 + timedelta(seconds=i)),
                             verdict(U, f"deal-{i}", parties=(f"Lab{i}", "Microsoft")))
                            for i in range(3)))
    assert report.planned == 2 and report.held_back == 1
    assert [(r.kind, r.state) for r in world.rows()] == [
        ("new_deal", "pending"), ("new_deal", "pending"), ("new_deal", "skipped"),
        ("rollup", "pending")]


def _conflict_once(sessions: sessionmaker[Session], story_id: str) -> None:
    """The first commit storing `story_id` hits its primary key, as when a racing poll stored
    the same story first; the pipeline rolls back and runs the story's unit of work again."""
    fired: list[bool] = []

    def clash(session: Session) -> None:
        stored = session.execute(text("SELECT count(*) FROM stories WHERE id = :id"),
                                 {"id": story_id}).scalar()
        if stored and not fired:
            fired.append(True)
            session.execute(text("INSERT INTO stories SELECT * FROM stories WHERE id = :id"),
                            {"id": story_id})

    event.listen(sessions, "before_commit", clash)


class TickingClock(FakeClock):
    """A clock that moves a millisecond each time it is read, like a real one."""

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


def test_deliver_due_sleeps_out_pacing_within_its_budget(world: World) -> None:
    world.clock = TickingClock()
    world.slack.state.faults.append(channel_pacing(world.clock, min_interval=1.0))
    _burst(world, 30)
    report = world.deliverer().deliver_due(budget=10)
    assert report.rate_limited == 0 and 9 <= report.sent <= 11
    assert sum(world.clock.slept) <= 10
    assert len([r for r in world.rows() if r.state == "pending"]) == 30 - report.sent


def test_two_threads_sharing_a_deliverer_never_work_one_channel_at_once(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _burst(world, 6)
    deliverer = world.deliverer()
    inside: list[int] = []
    most = [0]
    gate = threading.Lock()
    send = rows.send

    def watched(*args: Any) -> str:
        with gate:
            inside.append(1)
            most[0] = max(most[0], len(inside))
        time.sleep(0.02)  # long enough for the other thread to try the same channel
        try:
            return send(*args)
        finally:
            with gate:
                inside.pop()

    monkeypatch.setattr(rows, "send", watched)
    threads = [threading.Thread(target=deliverer.drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1 and len(world.posts()) == 6
