"""SIGTERM in the middle of a delivery burst (a platform restart): the clock exits 0 well within
the 30 s a platform allows, the message in flight is finished, the rest stay pending, and the
next start delivers them; nothing is lost or doubled. (RELIABILITY case 22.) `poll --once`
signalled while fetching stores what it fetched, fetches no more feeds and delivers nothing
more; the feeds it did not reach stay due."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from bot.sandbox import SlackSandbox
from briefings.store.tables import FeedRow, OutboxRow, StoryRow
from tests.faults.harness import Bot, FeedServer, ledger

GRACE_SECONDS = 30


def test_sigterm_mid_burst_leaves_the_rest_pending(bot: Bot, engine: Engine,
                                                   slack: SlackSandbox) -> None:
    planned = bot.run("poll", "--once", "--no-deliver")
    assert planned.returncode == 0, planned.stdout + planned.stderr
    pid: list[int] = []
    signalled: list[float] = []

    def terminate(method: str, args: dict[str, Any]) -> None:
        if method == "chat.postMessage" and pid:
            os.kill(pid.pop(), signal.SIGTERM)  # answer normally: the send completes
            signalled.append(time.monotonic())

    slack.state.faults.append(terminate)
    clock = bot.start("clock")
    pid.append(clock.pid)
    output, _ = clock.communicate(timeout=90)
    assert clock.returncode == 0, output[-3000:]
    assert signalled and time.monotonic() - signalled[0] < GRACE_SECONDS  # from the signal on
    assert _pending(engine) > 0, "the burst was not interrupted"
    again = bot.run("poll", "--once", "--max-wait", "60")
    assert again.returncode == 0, again.stdout + again.stderr
    figures = ledger(engine, slack)
    assert figures.planned > 10 and figures.lost == 0 and figures.duplicated == 0, str(figures)


def test_sigterm_while_poll_once_fetches_finishes_the_cycle_and_leaves_delivery_pending(
        bot: Bot, engine: Engine, slack: SlackSandbox, feeds: FeedServer) -> None:
    feeds.held.add("chip-wire.xml")
    poll = bot.start("poll", "--once")
    assert feeds.holding.wait(60), "the poll never fetched the held feed"
    poll.send_signal(signal.SIGTERM)
    feeds.release.set()
    output, _ = poll.communicate(timeout=90)
    assert poll.returncode == 0, output[-3000:]
    assert "stopped by a signal" in output
    assert _stories_from(engine, "Chip Wire") > 0, "the held feed's stories were not stored"
    assert _pending(engine) > 0 and not slack.state.messages, "delivery went on after SIGTERM"
    again = bot.run("poll", "--once", "--max-wait", "60")
    assert again.returncode == 0, again.stdout + again.stderr
    figures = ledger(engine, slack)
    assert figures.planned > 0 and figures.lost == 0 and figures.duplicated == 0, str(figures)


def test_sigterm_while_poll_once_waits_on_a_stalling_feed_fetches_no_more_feeds(
        bot: Bot, engine: Engine, feeds: FeedServer) -> None:
    """One worker and every feed stalling: without the stop the poll would wait out each
    feed's deadline in turn; signalled during the first, it ends with that one."""
    config = Path(bot.env["BRIEFINGS_CONFIG"])
    config.write_text(config.read_text() + "concurrency = 1\nread_timeout = 3.0\n"
                      "total_timeout = 3.0\n")  # appended to the [fetch] table
    feeds.held.update(feeds.files)  # answered only at the fixture's teardown
    poll = bot.start("poll", "--once", "--no-deliver")
    assert feeds.holding.wait(60), "the poll never fetched a feed"
    poll.send_signal(signal.SIGTERM)
    output, _ = poll.communicate(timeout=90)
    assert poll.returncode == 0, output[-3000:]
    assert "2 of 3 due feeds left for the next poll" in output, output[-3000:]
    assert sum(feeds.requests.values()) == 1, feeds.requests  # no stalling feed after the first
    with engine.connect() as conn:
        rows = list(conn.execute(select(FeedRow.consecutive_failures, FeedRow.next_check_at)))
    assert sorted(failures for failures, _ in rows) == [0, 0, 1]  # the fetch that timed out
    assert sum(1 for failures, due in rows if failures == 0 and due is None) == 2  # still due


def _stories_from(engine: Engine, feed: str) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(StoryRow)
                               .where(StoryRow.feed == feed)) or 0)


def _pending(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(OutboxRow)
                               .where(OutboxRow.state == "pending")) or 0)
