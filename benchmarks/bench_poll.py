"""Poll-cycle benchmark: 300 feeds on 127.0.0.1 with 100 ms added latency per response.

Prints, side by side, our first cycle (every feed new) and second cycle (every feed answers 304),
then the same two cycles by lemon24/reader's `update_feeds` with the same concurrency. Our cycle
is split into the poll (fetch, parse, and each feed's new stories picked and triaged while the
others download) and the store that follows it (deals, stories, planned messages, in order).
Run: `python benchmarks/bench_poll.py` (needs the `bench` dependency group: reader).
Only loopback is touched; the server runs in a child process and everything stops by itself.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.feed_server import serve
from briefings.config import Config, FeedConfig, FetchConfig, load_config
from briefings.cycle import run_poll_cycle
from briefings.feeds.fetch import Fetcher
from briefings.pipeline import IngestReport, Pipeline
from briefings.store.database import make_engine, migrate, session_factory
from briefings.triage import Triage

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
Cycle = tuple[float, int]


def _config(feeds: list[FeedConfig], concurrency: int) -> Config:
    config = load_config(ROOT / "config" / "briefings.toml")
    fetch = FetchConfig(allow_private_addresses=True, concurrency=concurrency)
    briefings = config.briefings.model_copy(update={"feeds": tuple(feeds), "fetch": fetch})
    return config.model_copy(update={"briefings": briefings})


class TimedPipeline(Pipeline):
    """The real pipeline, timing the store that follows the poll (dedup, deals, store, plan)."""

    spent: list[float]

    def store(self, *args: Any, **kwargs: Any) -> IngestReport:
        started = time.perf_counter()
        try:
            return super().store(*args, **kwargs)
        finally:
            self.spent.append(time.perf_counter() - started)


def run_ours(urls: list[str], concurrency: int, folder: Path,
             transferred: Callable[[], int]) -> tuple[list[Cycle], list[float]]:
    """Two full cycles (fetch, parse, dedup, triage, store, plan messages), and the time each
    spent in the store that follows the poll."""
    feeds = [FeedConfig(name=f"feed {i:03d}", url=url) for i, url in enumerate(urls)]
    config = _config(feeds, concurrency)
    engine = make_engine(f"sqlite:///{folder / 'ours.db'}")
    migrate(engine)
    sessions = session_factory(engine)
    pipeline = TimedPipeline(sessions, config, Triage(config.watchlist))
    pipeline.spent = []
    with Fetcher(config.briefings.fetch) as fetcher:
        cycles = [_cycle(lambda when=when: run_poll_cycle(sessions, fetcher, pipeline, feeds,
                                                          when), transferred)
                  for when in (NOW, NOW + timedelta(minutes=16))]
    engine.dispose()
    return cycles, pipeline.spent


def run_reader(urls: list[str], concurrency: int, folder: Path,
               transferred: Callable[[], int]) -> list[Cycle]:
    """The same two cycles with lemon24/reader (fetch, parse, store entries)."""
    from reader import make_reader

    reader = make_reader(str(folder / "reader.sqlite"), search_enabled=False)
    for url in urls:
        reader.add_feed(url)
    cycles = [_cycle(lambda: reader.update_feeds(workers=concurrency, scheduled=False),
                     transferred) for _ in range(2)]
    reader.close()
    return cycles


def _cycle(work: Callable[[], object], transferred: Callable[[], int]) -> Cycle:
    """Wall time and body bytes of one cycle."""
    before = transferred()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started, transferred() - before


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--entries", type=int, default=10)
    args = parser.parse_args()
    signal.alarm(600)  # a hung run stops by itself
    logging.basicConfig(level=logging.ERROR)
    ctx = mp.get_context("spawn")
    ready, counter = ctx.Queue(), ctx.Value("q", 0)
    server = ctx.Process(target=serve, args=(ready, counter, args.feeds, args.entries,
                                             args.latency), daemon=True)
    server.start()
    try:
        _report(args, ready.get(timeout=30), counter)
    finally:
        server.terminate()
        server.join(5)
    return 0


def _report(args: argparse.Namespace, base: str, counter: Any) -> None:
    urls = [f"{base}/feed/{i}" for i in range(args.feeds)]
    with tempfile.TemporaryDirectory() as tmp:
        ours, store = run_ours(urls, args.concurrency, Path(tmp), lambda: int(counter.value))
        peak = _peak_mb()
        theirs = run_reader(urls, args.concurrency, Path(tmp), lambda: int(counter.value))
    ideal = args.feeds * args.latency / args.concurrency
    print(f"{args.feeds} feeds x {args.entries} entries, {args.latency * 1000:.0f} ms added "
          f"latency, concurrency {args.concurrency}: ideal {ideal:.2f} s")
    print(f"{'':<40}{'deal-briefings':>16}{'reader':>10}")
    for label, i in (("first cycle", 0), ("second cycle (all 304)", 1)):
        print(f"{label + ' wall (s)':<40}{ours[i][0]:>16.2f}{theirs[i][0]:>10.2f}")
        print(f"{'  of which poll (fetch, parse, triage)':<40}{ours[i][0] - store[i]:>16.2f}")
        print(f"{'  of which store (deals, store, plan)':<40}{store[i]:>16.2f}")
        print(f"{label + ' body bytes':<40}{ours[i][1]:>16,}{theirs[i][1]:>10,}")
    poll = ours[0][0] - store[0]
    print(f"full first cycle / ideal: {ours[0][0] / ideal:.2f}x (target <= 1.5x); "
          f"its poll alone: {poll / ideal:.2f}x")
    print(f"vs reader: full first cycle {ours[0][0] / theirs[0][0]:.2f}x (target < 1.0x), its "
          f"poll alone {poll / theirs[0][0]:.2f}x, all-304 cycle {ours[1][0] / theirs[1][0]:.2f}x")
    print(f"second cycle bytes / first: {ours[1][1] / max(ours[0][1], 1):.2%} (target < 5%)")
    print(f"peak RSS of this process after our cycles: {peak:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    raise SystemExit(main())
