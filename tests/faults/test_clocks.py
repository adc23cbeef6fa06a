"""Real `clock` processes: two at once, a leader killed, a crash across the digest time.

The config makes a digest due an hour ago, so each clock's start-up catch-up wants to post it.
What must hold: every briefing and the week's digest reach Slack exactly once, only the leader
polls the feeds, and a restart posts nothing again. (RELIABILITY cases 21, 30 and 31.)
"""

from __future__ import annotations

import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bot.sandbox import SlackSandbox
from briefings.store.tables import LeaseRow, OutboxRow
from tests.faults.harness import (
    Bot,
    FeedServer,
    age_clock_lease,
    age_send_leases,
    bot_env,
    kill_pid_on,
    ledger,
    wait_until,
    write_config,
)

DIGEST_CHANNEL = "C0DEALS01"


@pytest.fixture
def clock_bot(tmp_path: Path, database_url: str, slack: SlackSandbox, feeds: FeedServer) -> Bot:
    due = datetime.now(UTC) - timedelta(hours=1)
    digest = f'day = "{due:%A}"\ntime = "{due:%H:%M}"'.lower()
    config = write_config(tmp_path, feeds.url, digest=digest)
    return Bot(bot_env(database_url, slack, config), tmp_path)


def digests(slack: SlackSandbox) -> list[str]:
    keys = []
    for message in slack.channel(DIGEST_CHANNEL):
        payload = (message.get("metadata") or {}).get("event_payload") or {}
        if str(payload.get("outbox_key", "")).startswith("digest|"):
            keys.append(str(payload["outbox_key"]))
    return keys


def settled(engine: Engine, slack: SlackSandbox) -> bool:
    """Everything planned is in Slack and the outbox has recorded it as sent."""
    figures = ledger(engine, slack)
    with engine.connect() as conn:
        unsent = conn.scalar(select(func.count()).select_from(OutboxRow)
                             .where(OutboxRow.state.in_(("pending", "sending"))))
    return figures.planned > 10 and figures.lost == 0 and unsent == 0


def stop(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        output, _ = process.communicate(timeout=60)
        assert process.returncode in (0, -signal.SIGKILL), output[-3000:]


def test_two_clocks_post_everything_once(clock_bot: Bot, engine: Engine, slack: SlackSandbox,
                                         feeds: FeedServer) -> None:
    first, second = clock_bot.start("clock"), clock_bot.start("clock")
    try:
        assert wait_until(lambda: settled(engine, slack) and bool(digests(slack)), 120)
        wait_until(lambda: False, 3)  # time for a second clock's duplicate to show, if any
    finally:
        stop(first, second)
    figures = ledger(engine, slack)
    assert figures.duplicated == 0 and figures.lost == 0, str(figures)
    assert len(digests(slack)) == len(set(digests(slack))) >= 1
    assert set(feeds.requests.values()) == {1}, feeds.requests  # only the leader polled


def test_follower_takes_over_when_the_leader_dies(clock_bot: Bot, engine: Engine,
                                                  slack: SlackSandbox) -> None:
    """A leader killed after its work takes nothing with it: the follower leads at once (the
    advisory lock dies with the connection) and repeats nothing, digest included. A leader killed
    mid-work is the crash tests' case."""
    if engine.dialect.name != "postgresql":
        pytest.skip("on SQLite takeover waits out the 60 s lease; the digest crash test and "
                    "tests/test_leadership.py cover it")
    first = clock_bot.start("clock")
    second = None
    try:
        assert wait_until(lambda: settled(engine, slack) and bool(digests(slack)), 120)
        assert _leader(engine) == first.pid
        second = clock_bot.start("clock")
        first.kill()
        assert wait_until(lambda: _leader(engine) == second.pid, 60)
        wait_until(lambda: False, 3)
    finally:
        stop(first, *([second] if second else []))
    figures = ledger(engine, slack)
    assert figures.duplicated == 0 and figures.lost == 0, str(figures)
    assert len(digests(slack)) == 1


def test_crash_while_posting_the_digest_posts_it_once(clock_bot: Bot, engine: Engine,
                                                      slack: SlackSandbox) -> None:
    briefed = clock_bot.run("poll", "--once", "--max-wait", "60")
    assert briefed.returncode == 0, briefed.stdout + briefed.stderr
    pid: list[int] = []
    kill_pid_on(slack, "chat.postMessage", pid, after_store=True, when=_is_digest)
    first = clock_bot.start("clock")
    pid.append(first.pid)
    first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL and len(digests(slack)) == 1
    age_send_leases(engine)
    age_clock_lease(engine)
    second = clock_bot.start("clock")
    try:
        assert wait_until(lambda: settled(engine, slack), 150)
        wait_until(lambda: False, 3)
    finally:
        stop(second)
    assert len(digests(slack)) == 1
    figures = ledger(engine, slack)
    assert figures.duplicated == 0 and figures.lost == 0, str(figures)


def _is_digest(args: dict[str, object]) -> bool:
    metadata = args.get("metadata")
    return isinstance(metadata, dict) and metadata.get("event_type") != "deal_briefing"


def _leader(engine: Engine) -> int | None:
    with engine.connect() as conn:
        holder = conn.scalar(select(LeaseRow.holder).where(LeaseRow.name == "clock"))
    return int(holder.rsplit(":", 1)[1]) if holder else None
