"""Nothing held back in silence (#18): when the flood caps hold new-deal posts back, each channel
gets one roll-up per poll cycle listing them, through the outbox, against the stand-in Slack."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.commands.status import report as status_report
from bot.render.rollup import EVENT_TYPE
from bot.sandbox.faults import lost_answer
from briefings import pipeline
from briefings.planning import FloodLimits
from briefings.store import rollups
from briefings.store.database import transaction
from tests.delivery.support import ALL, NVIDIA_ONLY, T0, U, World, story, verdict

OTHER = NVIDIA_ONLY.model_copy(update={"companies": ()})


def _flood(world: World, n: int, prefix: str = "s", **kwargs: Any) -> None:
    """`n` stories of `n` new deals from one feed, in one poll cycle."""
    world.ingest(*((story(f"{prefix}{i}", feed="Flood", published=T0 + timedelta(seconds=i),
                          **kwargs),
                    verdict(U, f"deal-{prefix}{i}", parties=(f"Lab{prefix}{i}", "Microsoft")))
                   for i in range(n)))


def _rollups(world: World, channel: str = ALL.id) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if m["metadata"]["event_type"] == EVENT_TYPE]


def _briefings(world: World, channel: str = ALL.id) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if m["metadata"]["event_type"] != EVENT_TYPE]


def _text(message: dict[str, Any]) -> str:
    """Every text of the message's sections and context blocks."""
    texts = [b["text"] for b in message["blocks"] if "text" in b]
    texts += [e for b in message["blocks"] for e in b.get("elements", [])]
    return "\n".join(str(t["text"]) for t in texts)


def test_a_flood_stored_in_several_runs_yields_one_rollup_per_channel(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STORIES_PER_TRANSACTION", 3)  # the cycle stores in 4 runs
    world.channels = (ALL, OTHER)
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)
    _flood(world, 10)
    report = world.deliver()
    assert report.failed == 0
    for channel in (ALL.id, OTHER.id):
        [rollup] = _rollups(world, channel)
        assert len(_briefings(world, channel)) == 2
        assert "thread_ts" not in rollup
        assert "*8 new deals were held back by the flood caps*" in _text(rollup)
        assert all(f"Labs{i} + Microsoft" in _text(rollup) for i in range(2, 10))
        assert "Labs0 " not in _text(rollup)  # posted, so not held back
        assert "<https://news.example/s9|Chip Wire>" in _text(rollup)
        assert ":large_yellow_circle: *UNCONFIRMED*" in _text(rollup)


def test_the_held_back_posts_stay_listed_by_status(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=1, per_channel_per_hour=100)
    _flood(world, 3)
    world.deliver()
    with transaction(world.sessions) as session:
        lines = status_report(session, world.clock())
    held = lines[lines.index("Held back by flood caps, or superseded (newest first):") + 1:]
    assert sum("flood cap" in line for line in held) == 2
    assert "skipped 2" in next(line for line in lines if line.startswith("Outbox:"))


def test_the_rollup_is_never_capped_nor_counts_towards_the_caps(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=100, per_channel_per_hour=2)
    _flood(world, 4)
    world.clock.advance(minutes=61)
    _flood(world, 2, prefix="b")  # the hour's two posts, whatever the roll-up before
    world.deliver()
    assert len(_rollups(world)) == 1 and len(_briefings(world)) == 4


def test_a_rerun_of_the_same_cycle_posts_no_second_rollup(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)
    _flood(world, 6)
    world.deliver()
    again = world.ingest()  # the same cycle once more: nothing new, nothing held back
    _flood(world, 6)
    assert again.rollups == 0
    world.deliver()
    assert len(_rollups(world)) == 1 and len(_briefings(world)) == 2


def test_a_crash_before_the_rollup_is_planned_rolls_up_in_the_next_cycle_once(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)

    def killed(*args: object) -> int:
        raise SystemExit("killed after the stories were stored")

    with monkeypatch.context() as patch:
        patch.setattr(rollups, "plan_rollups", killed)
        with pytest.raises(SystemExit):
            _flood(world, 5)
    assert [r.state for r in world.rows()].count("skipped") == 3
    world.clock.advance(minutes=15)
    assert world.ingest().rollups == 1  # the restarted clock's next cycle
    assert world.ingest().rollups == 0
    world.deliver()
    [rollup] = _rollups(world)
    assert "*3 new deals were held back" in _text(rollup)


def test_a_rollup_whose_answer_was_lost_is_found_not_posted_twice(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=1, per_channel_per_hour=100)
    _flood(world, 4)
    world.slack.state.faults.append(lost_answer(world.slack, after=1))  # the roll-up's post
    report = world.deliver()
    assert report.found == 1
    assert len(_rollups(world)) == 1
    [row] = [r for r in world.rows() if r.kind == "rollup"]
    assert row.state == "sent" and row.ts == _rollups(world)[0]["ts"]


def test_a_huge_hostile_flood_fits_one_message_and_counts_the_rest(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=0, per_channel_per_hour=100)
    world.ingest(*((story(f"h{i}", feed="Flood", outlet="<!channel> Wire " * 10,
                          link=f"https://news.example/{'x' * 900}/{i}"),
                    verdict(U, f"deal-h{i}", parties=(f"<@U{i}> Lab " * 30, "<!here>")))
                   for i in range(120)))
    report = world.deliver()
    assert report.failed == 0  # the stand-in refuses what Slack would (blocks, sizes)
    [rollup] = _rollups(world)
    text = _text(rollup)
    assert "*120 new deals were held back" in text
    assert "more held back" in text
    assert "<!channel>" not in text and "<@U" not in text and "<!here>" not in text
