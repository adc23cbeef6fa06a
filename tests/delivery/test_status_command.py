"""`python -m bot status`: backlog by state, failures with reasons, holds, feed health."""

from __future__ import annotations

from datetime import timedelta

from bot.commands.status import report
from bot.sandbox.faults import api_error
from briefings.planning import FloodLimits
from briefings.store import outbox
from briefings.store.database import transaction
from briefings.store.tables import FeedRow
from tests.delivery.support import U, World, story, verdict


def test_status_shows_backlog_failures_with_reasons_and_holds(world: World) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)
    world.ingest(*((story(f"s{i}"), verdict(U, f"deal-{i}", parties=(f"L{i}", "M")))
                   for i in range(3)))
    world.slack.state.faults.append(api_error("not_in_channel", times=1))
    world.deliver()
    with transaction(world.sessions) as session:
        session.add(FeedRow(name="Wire", url="https://wire.example/feed", entries_seen=3,
                            consecutive_failures=2, last_error="HTTP 503", disabled=False))
    with transaction(world.sessions) as session:
        lines = report(session, world.clock())
    text = "\n".join(lines)
    assert "[FAILING x2] Wire: last success never - last error: HTTP 503" in text
    assert ("Outbox: pending 0, sending 0, sent 2, failed 1, unverified 0, skipped 1 "
            "(0 due now)") in text  # sent: a briefing and the roll-up listing the held one
    assert "Failed deliveries" in text and "story s0: not_in_channel" in text
    assert "Held back by flood caps" in text and "flood cap" in text
    with transaction(world.sessions) as session:
        assert outbox.retry_failed(session, world.clock(), timedelta(hours=1)) == 1
    world.clock.advance(minutes=75)
    with transaction(world.sessions) as session:
        assert "oldest unsent planned 1 h 15 min ago" in "\n".join(report(session, world.clock()))
    world.deliver()
    assert len(world.posts()) == 3  # two briefings and the roll-up
