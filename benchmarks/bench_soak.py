"""Soak benchmark: many poll cycles over local churning feeds through the real pipeline.

Each cycle a few of the feeds gain entries while their oldest roll off, the unchanged ones answer
304, and every tenth feed (no validators) re-sends its whole window. A simulated clock moves one
poll interval per cycle, so every feed is due every cycle with no real waiting; the real Triage
stores into a real database, and what is planned is delivered to a Slack sandbox. The feed server
and the sandbox run in child processes so their memory is not counted in ours.

    /work/venv/bin/python benchmarks/bench_soak.py [--cycles 1000] [--feeds 100] [--postgres]

Prints the RSS series at cycles 10, 100, 250, 500 and 1,000 (and the last), so growth can be
told from a plateau, beside glibc malloc's bytes in use and free (live data vs fragmentation);
then the growth from cycle 10 to the end (target: < 10%), database bytes per new story,
stories/s and wall time. Everything is on 127.0.0.1 and stops by itself (--max-seconds).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import logging
import multiprocessing as mp
import sqlite3
import sys
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_sdk import WebClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from benchmarks import churn_feeds
from benchmarks.bench_poll import _config as bench_config
from benchmarks.bounded import deadline
from benchmarks.scratch_db import scratch_database
from bot.delivery import Deliverer
from bot.delivery.pacing import ChannelPacer
from bot.sandbox import SlackSandbox
from briefings.config import FeedConfig
from briefings.cycle import run_poll_cycle
from briefings.feeds.fetch import Fetcher
from briefings.pipeline import Pipeline
from briefings.store.database import make_engine, migrate, session_factory
from briefings.store.tables import OutboxRow, StoryRow
from briefings.triage import Triage

POLL_MINUTES = 15
BASELINE_CYCLE = 10
CHECKPOINTS = (BASELINE_CYCLE, 100, 250, 500, 1000)


@dataclass
class Sample:
    """What was measured after one cycle."""

    cycle: int
    rss_mb: float
    malloc_mb: tuple[float, float] | None  # glibc's bytes in use and free, None elsewhere
    db_bytes: int
    stories: int
    elapsed: float


@dataclass
class Soak:
    """The run's samples and totals."""

    samples: list[Sample] = field(default_factory=list)
    new_stories: int = 0
    planned: int = 0
    wall: float = 0.0
    outbox: dict[str, int] = field(default_factory=dict)


class SimClock:
    """The simulated time: one poll interval per cycle, frozen within a cycle."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def main() -> int:
    args = _parser().parse_args()
    deadline(int(args.max_seconds) + 300)  # a hung run (e.g. a stuck fetch) stops anyway
    logging.basicConfig(level=logging.ERROR)
    ctx = mp.get_context("spawn")
    cycle, feeds_ready, slack_ready = ctx.Value("q", 0), ctx.Queue(), ctx.Queue()
    period = max(args.feeds // args.churn, 1)
    children = [ctx.Process(target=churn_feeds.serve, daemon=True,
                            args=(feeds_ready, cycle, period, POLL_MINUTES)),
                ctx.Process(target=_run_sandbox, args=(slack_ready,), daemon=True)]
    try:
        for child in children:
            child.start()
        feed_base, slack_url = feeds_ready.get(timeout=60), slack_ready.get(timeout=60)
        with scratch_database(args.postgres) as db_url:
            soak = _soak(args, db_url, feed_base, slack_url, cycle)
        _report(args, period, soak)
    finally:
        for child in (c for c in children if c.pid is not None):  # the started ones
            child.terminate()
            child.join(5)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--churn", type=int, default=4,
                        help="feeds that gain entries per cycle (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--postgres", action="store_true",
                        help="a throwaway PostgreSQL database instead of a SQLite file")
    parser.add_argument("--no-deliver", action="store_true", help="skip Slack delivery")
    parser.add_argument("--max-seconds", type=float, default=1200,
                        help="stop after this many seconds of cycles (default: %(default)s)")
    return parser


def _run_sandbox(ready: Any) -> None:
    """Child process: a Slack sandbox until terminated (its message log grows, ours must not)."""
    with SlackSandbox() as slack:
        ready.put(slack.url)
        threading.Event().wait()


@dataclass
class Rig:
    """The real pieces one cycle runs through, all sharing the simulated clock."""

    feeds: list[FeedConfig]
    sessions: sessionmaker[Session]
    pipeline: Pipeline
    deliverer: Deliverer | None
    clock: SimClock
    look_back_hours: int


def _soak(args: argparse.Namespace, db_url: str, feed_base: str, slack_url: str,
          cycle: Any) -> Soak:
    """Run the cycles, sampling memory and database size as they go."""
    feeds = [FeedConfig(name=f"feed {i:03d}", url=f"{feed_base}/feed/{i}",
                        poll_minutes=POLL_MINUTES) for i in range(args.feeds)]
    config = bench_config(feeds, args.concurrency)
    engine = make_engine(db_url)
    migrate(engine)
    sessions = session_factory(engine)
    clock = SimClock(churn_feeds.T0)
    # No pacing: the simulated clock stands still within a cycle, so a paced channel would
    # get one message per cycle and the backlog (and our memory) would grow for that reason.
    deliverer = None if args.no_deliver else Deliverer(
        sessions, WebClient(token="xoxb-soak", base_url=slack_url), clock,
        sleep=lambda _s: None, pacer=ChannelPacer(timedelta(0)))
    rig = Rig(feeds, sessions, Pipeline(sessions, config, Triage(config.watchlist)), deliverer,
              clock, config.briefings.look_back_hours)
    soak, started = Soak(), time.perf_counter()
    try:
        with Fetcher(config.briefings.fetch) as fetcher:
            for n in range(1, args.cycles + 1):
                cycle.value = n
                _one_cycle(n, rig, fetcher, soak)
                over = time.perf_counter() - started > args.max_seconds
                if over or _sample_due(n, args.cycles):
                    soak.samples.append(_sample(n, engine, sessions, started))
                    _progress(soak.samples[-1])
                if over:
                    print(f"stopped after cycle {n}: --max-seconds reached", flush=True)
                    break
        soak.wall = time.perf_counter() - started
        soak.outbox = _outbox_by_state(sessions)
        return soak
    finally:
        engine.dispose()


def _one_cycle(n: int, rig: Rig, fetcher: Fetcher, soak: Soak) -> None:
    """Poll cycle `n` at its simulated time, then deliver what it planned."""
    rig.clock.now = churn_feeds.T0 + timedelta(minutes=POLL_MINUTES * n)
    report = run_poll_cycle(rig.sessions, fetcher, rig.pipeline, rig.feeds, rig.clock.now,
                            look_back_hours=rig.look_back_hours)
    soak.new_stories += report.new
    soak.planned += report.planned
    if rig.deliverer is not None:
        rig.deliverer.deliver_due()


def _sample_due(n: int, cycles: int) -> bool:
    return n in CHECKPOINTS or n == cycles


def _sample(n: int, engine: Engine, sessions: sessionmaker[Session], started: float) -> Sample:
    gc.collect()  # garbage awaiting collection is not a leak; measure what stays alive
    with sessions() as session:
        stories = int(session.scalar(select(func.count()).select_from(StoryRow)) or 0)
    return Sample(n, _rss_mb(), _malloc_mb(), _db_bytes(engine), stories,
                  time.perf_counter() - started)


def _outbox_by_state(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions() as session:
        rows = session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state))
        return {state: int(count) for state, count in rows}


def _rss_mb() -> float:
    """Current (not peak) resident memory of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _malloc_mb() -> tuple[float, float] | None:
    """glibc malloc's bytes in use and held free, over all its arenas (mallinfo2, glibc 2.33+).
    Flat in use with growing free is fragmentation, not live data."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


def _db_bytes(engine: Engine) -> int:
    """The database's size on disk: PostgreSQL's own figure, or the SQLite file after folding
    the WAL back in (so the WAL's size does not swing the figure between samples)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT pg_database_size(current_database())")))
    assert engine.url.database is not None
    database = Path(engine.url.database)
    with closing(sqlite3.connect(database, isolation_level=None)) as raw:  # outside a BEGIN
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = database.with_name(database.name + "-wal")
    return database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _progress(s: Sample) -> None:
    heap = "" if s.malloc_mb is None else (f" (malloc in use {s.malloc_mb[0]:5.1f} MB, "
                                           f"free {s.malloc_mb[1]:5.1f} MB)")
    print(f"  cycle {s.cycle:>5}: RSS {s.rss_mb:6.1f} MB{heap}, {s.stories:>6} stories, "
          f"DB {s.db_bytes / 2**20:7.2f} MiB, {s.elapsed:7.1f} s", flush=True)


def _report(args: argparse.Namespace, period: int, soak: Soak) -> None:
    samples = soak.samples
    base = next(s for s in samples if s.cycle >= BASELINE_CYCLE)
    last = samples[-1]
    growth = (last.rss_mb - base.rss_mb) / base.rss_mb
    per_story = (last.db_bytes - base.db_bytes) / max(last.stories - base.stories, 1)
    db = "PostgreSQL (throwaway database)" if args.postgres else "SQLite file"
    print(f"\nsoak: {last.cycle} cycles x {args.feeds} feeds ({args.feeds / period:.0f} gain "
          f"{churn_feeds.PER_STEP} entries each cycle), {db}, "
          f"delivery {'off' if args.no_deliver else 'to a Slack sandbox'}")
    print("RSS by cycle: " + ", ".join(
        f"{s.cycle}: {s.rss_mb:.1f} MB ({(s.rss_mb - base.rss_mb) / base.rss_mb:+.1%})"
        for s in samples if s.cycle >= base.cycle))
    print(f"RSS at cycle {base.cycle}: {base.rss_mb:.1f} MB; at cycle {last.cycle}: "
          f"{last.rss_mb:.1f} MB; growth {growth:+.1%} (target < 10%): "
          f"{'met' if growth < 0.10 else 'NOT met'}")
    print(f"database: {base.db_bytes / 2**20:.2f} MiB at cycle {base.cycle} ({base.stories} "
          f"stories) -> {last.db_bytes / 2**20:.2f} MiB at cycle {last.cycle} ({last.stories} "
          f"stories): {per_story:,.0f} bytes per new story")
    print(f"new stories: {soak.new_stories} in {soak.wall:.1f} s = "
          f"{soak.new_stories / soak.wall:.1f} stories/s; {last.cycle / soak.wall:.2f} cycles/s "
          f"({1000 * soak.wall / last.cycle:.0f} ms per cycle)")
    print(f"messages planned: {soak.planned}; outbox by state: {soak.outbox}")
    print(f"wall time: {soak.wall:.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
