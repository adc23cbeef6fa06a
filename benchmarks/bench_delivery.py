"""Delivery under faults (RELIABILITY cases 19-24, benchmark target 10): messages delivered /
planned / duplicated / lost, over many runs with random fault timing.

Each run plans 14 messages (two deals, two channels: new posts, a thread report, status changes
and root edits), injects one fault family at a random point, delivers - restarting the deliverer
after a simulated crash, and going on after a token pause - and counts what the sandbox Slack
holds. Two families model Slack as it is for most installs (issue #16): answers lost in public
channels the bot never joined (it may post there, not read), and the non-Marketplace history
regime (1 read a minute, 15 messages a page) under lost answers and 500s.

Run: `python benchmarks/bench_delivery.py [--runs 50] [--seed 1]`. Target (RELIABILITY.md,
benchmark 10): 0 duplicates and 0 losses; `failed` counts messages Slack refused for good
(the permanent-error family), which are recorded with their reason, not lost.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, fields
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bot.delivery.rows as rows_module
from bot.sandbox import SlackSandbox
from bot.sandbox.faults import (
    api_error,
    channel_pacing,
    lost_answer,
    rate_limited,
    server_error,
    token_refused,
)
from bot.sandbox.history import NON_MARKETPLACE, HistoryLimits
from briefings.planning import FloodLimits
from briefings.store import outbox
from briefings.store.database import session_factory
from tests.delivery.support import (
    ALL,
    NVIDIA_ONLY,
    T0,
    C,
    D,
    U,
    World,
    story,
    timeline,
    verdict,
)
from tests.support.databases import empty_tables, migrated_engine

OTHER = NVIDIA_ONLY.model_copy(update={"companies": ()})
POST_KINDS = ("new_deal", "report", "status_change", "digest")


class Crash(BaseException):
    """A simulated kill: not an Exception, so nothing in the deliverer catches it."""


@dataclass
class Figures:
    runs: int = 0
    planned: int = 0
    delivered: int = 0
    failed: int = 0
    duplicated: int = 0
    lost: int = 0

    def add(self, other: Figures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def scenario(world: World) -> None:
    """Two deals, two channels: 14 planned messages."""
    a, b = ("Anthropic", "Microsoft"), ("OpenAI", "Google")
    world.channels = (ALL, OTHER)
    later = T0 + timedelta(minutes=9)
    world.ingest((story("a1"), verdict(U, "deal-a", parties=a)),
                 (story("b1"), verdict(U, "deal-b", parties=b)),
                 (story("a2", published=T0 + timedelta(minutes=5)),
                  verdict(U, "deal-a", parties=a)),
                 (story("a3", published=later), verdict(C, "deal-a", parties=a)),
                 (story("b2", published=later), verdict(D, "deal-b", parties=b)))


@contextmanager
def crash_on(target: Any, name: str, nth: int) -> Iterator[None]:
    """Make `target.name` raise Crash on its nth call (0-based), once."""
    original, calls = getattr(target, name), [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] - 1 == nth:
            raise Crash
        return original(*args, **kwargs)

    with mock.patch.object(target, name, wrapper):
        yield


def deliver_with_restarts(world: World, timeout: float = 2) -> None:
    """Deliver until nothing is left to send; a crash restarts the deliverer ten minutes later,
    a token pause is waited out (the probe runs every 30 s)."""
    for _ in range(10):
        try:
            world.deliver(timeout=timeout)
        except Crash:
            world.clock.advance(minutes=10)  # the restarted worker finds the stale claim
            continue
        if not any(row.state in outbox.OPEN for row in world.rows()):
            return
        world.clock.advance(minutes=1)


def inject(fault: str, world: World, rng: random.Random
           ) -> Callable[[], AbstractContextManager[Any]]:
    """Arm one fault family at a random point; returns the patch context to deliver under."""
    after = rng.randrange(0, 8)
    faults = world.slack.state.faults
    if fault == "429":
        faults.append(rate_limited(retry_after=rng.choice(["1", "2", "1.5", "soon", "0"]),
                                   after=after, times=rng.randint(1, 3)))
    elif fault == "429+500 first":
        faults += [rate_limited(after=0, times=2), server_error(after=0, times=2)]
    elif fault == "5xx":
        faults += [server_error(status=500, after=after), server_error(status=503, after=after)]
    elif fault == "dropped after store":
        faults.append(lost_answer(world.slack, after=after, times=rng.randint(1, 2)))
    elif fault == "timeout after store":
        faults.append(lost_answer(world.slack, after=after, delay=0.25))
    elif fault == "permanent":
        error = rng.choice(["channel_not_found", "not_in_channel", "is_archived"])
        faults.append(api_error(error, channel=OTHER.id))
    elif fault == "token revoked":
        faults.append(token_refused(rng.choice(["invalid_auth", "token_revoked"]),
                                    after=after, times=rng.randint(1, 4)))
    elif fault == "lost, never joined":
        for channel in (ALL.id, OTHER.id):
            world.slack.state.workspace.add(channel)  # public; the bot is not a member
        faults.append(lost_answer(world.slack, after=after, times=rng.randint(1, 2)))
    elif fault == "1 read/min history":
        world.slack.state.history = HistoryLimits(
            NON_MARKETPLACE, clock=lambda: world.clock().timestamp())
        faults += [lost_answer(world.slack, after=after, times=rng.randint(1, 2)),
                   server_error(after=rng.randrange(0, 8), times=rng.randint(1, 2))]
    elif fault == "crash after send":
        return lambda: crash_on(outbox, "mark_sent", rng.randrange(0, 10))
    elif fault == "crash before send":
        return lambda: crash_on(rows_module, "send", rng.randrange(0, 10))
    return nullcontext


FAULTS = ("429", "429+500 first", "5xx", "dropped after store", "timeout after store",
          "permanent", "token revoked", "lost, never joined", "1 read/min history",
          "crash after send", "crash before send")


def count(world: World) -> Figures:
    """What Slack holds against what was planned, keyed by the outbox key in each message."""
    messages = [m for ch in (ALL.id, OTHER.id) for m in world.posts(ch)]
    versions = [[*m.get("versions", []), m] for m in messages]
    keys = [_key(v[0]) for v in versions]  # as first posted, before any edit
    edit_keys = {_key(v) for vs in versions for v in vs[1:]}
    figures = Figures(runs=1)
    for row in world.rows():
        if row.state == outbox.SKIPPED:
            continue
        figures.planned += 1
        n = keys.count(row.idem_key) if row.kind in POST_KINDS else int(row.idem_key in edit_keys)
        figures.delivered += min(n, 1)
        figures.duplicated += max(n - 1, 0)
        figures.failed += row.state == outbox.FAILED and n == 0
        figures.lost += row.state != outbox.FAILED and n == 0
    return figures


def _key(message: dict[str, Any]) -> str | None:
    return message["metadata"]["event_payload"].get("outbox_key")  # type: ignore[no-any-return]


def run(fault: str, runs: int, seed: int, engine: Any) -> Figures:
    total, rng = Figures(), random.Random(f"{fault}:{seed}")
    for _ in range(runs):
        empty_tables(engine)
        with SlackSandbox() as slack:
            world = World(session_factory(engine), slack)
            scenario(world)
            patch = inject(fault, world, rng)
            with patch():
                deliver_with_restarts(world, timeout=0.1 if "timeout" in fault else 2)
            total.add(count(world))
    return total


def burst(engine: Any, stories: int = 30) -> str:
    """Benchmark 9: a burst to one channel whose Slack answers 429 to any write within 1 s of
    the previous one; reports 429s met and the tightest gap between writes (simulated time)."""
    empty_tables(engine)
    with SlackSandbox() as slack:
        world = World(session_factory(engine), slack, limits=FloodLimits(stories, stories))
        slack.state.faults.append(channel_pacing(world.clock))
        seen = timeline(world)
        world.ingest(*((story(f"s{i}"), verdict(U, f"deal-{i}", parties=(f"Lab{i}", "X")))
                       for i in range(stories)))
        report = world.deliver()
    times = [at for method, _, at in seen if method == "chat.postMessage"]
    gap = min((b - a).total_seconds() for a, b in pairwise(times))
    rejected = sum(call.status == 429 for call in slack.calls())
    return (f"{stories}-story burst to one channel: {report.sent} posted, {rejected} x 429, "
            f"tightest gap {gap:.1f} s, {(times[-1] - times[0]).total_seconds():.0f} s in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the faults are deliberate; the figures say how it went
    with tempfile.TemporaryDirectory() as folder:
        engine = migrated_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        print(f"{'fault':<22}{'runs':>6}{'planned':>9}{'delivered':>11}{'failed':>8}"
              f"{'duplicated':>12}{'lost':>6}")
        for fault in FAULTS:
            f = run(fault, args.runs, args.seed, engine)
            print(f"{fault:<22}{f.runs:>6}{f.planned:>9}{f.delivered:>11}{f.failed:>8}"
                  f"{f.duplicated:>12}{f.lost:>6}")
        print(burst(engine))


if __name__ == "__main__":
    main()
