"""Benchmark: build and render the weekly digest for a week of 10,000 stories and 1,000 deals.

Run: `python benchmarks/bench_digest.py [--stories N] [--deals N] [--postgres ADMIN_URL]`; with
`--postgres` the run uses a throwaway database on that server, dropped afterwards.
Target (RELIABILITY.md, benchmark 11): built and rendered in under 2 s. Prints figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session

from bot.render.digest import render_digest
from briefings.digest import compose_digest
from briefings.digest_window import IsoWeek, window_for
from briefings.models import Deal, Status, StatusChange
from briefings.store import deals as deal_store
from briefings.store.database import make_engine, migrate, session_factory, transaction
from briefings.store.digests import week_facts
from briefings.store.tables import StoryRow
from tests.support.databases import create_throwaway_postgres

ZONE = ZoneInfo("America/New_York")
WINDOW = window_for(IsoWeek(2026, 47), ZONE)
OUTLETS = [f"Outlet {n}" for n in range(40)]
STATUSES = [[Status.UNCONFIRMED], [Status.UNCONFIRMED, Status.CONFIRMED],
            [Status.UNCONFIRMED, Status.DENIED], [Status.CONFIRMED, Status.DENIED]]


def seed(session: Session, deals: int, stories: int, rng: random.Random) -> None:
    """Deals opened up to ten weeks back, with status changes, and the week's stories."""
    for index in range(deals):
        start = WINDOW.start + dt.timedelta(days=rng.uniform(-70, 6))
        history = tuple(StatusChange(s, start + dt.timedelta(hours=20 * i), f"d{index}-{i}",
                                     rng.choice(OUTLETS), f"https://news.example/{index}/{i}")
                        for i, s in enumerate(rng.choice(STATUSES)))
        deal = Deal(f"deal-{index}", (f"Lab {index % 50}", f"Vendor {index % 13}"),
                    f"accelerators #{index}", (), history[-1].status, history[-1].at, start,
                    max(history[-1].at, WINDOW.start + dt.timedelta(days=3)))
        deal_store.save_deal(session, deal)
        for change in history:
            deal_store.add_status_change(session, deal.key, change)
    session.add_all(_story(index, deals, rng) for index in range(stories))


def _story(index: int, deals: int, rng: random.Random) -> StoryRow:
    published = WINDOW.start + dt.timedelta(seconds=rng.uniform(0, 7 * 86400 - 1))
    return StoryRow(id=f"s{index}", feed="f", outlet=rng.choice(OUTLETS), title=f"Story {index}",
                    text="", link=f"https://news.example/s{index}", published_at=published,
                    first_seen_at=published, relevant=True, score=rng.random(),
                    deal_key=f"deal-{rng.randrange(deals)}", verdict={})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--deals", type=int, default=1_000)
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="PostgreSQL server to run on (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        url = (stack.enter_context(contextmanager(create_throwaway_postgres)(args.postgres))
               if args.postgres else f"sqlite:///{tmp}/bench.db")
        engine = make_engine(url)
        migrate(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as session:
            seed(session, args.deals, args.stories, random.Random(7))
        started = time.perf_counter()
        with transaction(sessions) as session:
            facts = week_facts(session, WINDOW)
        queried = time.perf_counter()
        content = compose_digest(facts)
        composed = time.perf_counter()
        messages = render_digest(content, ZONE, lambda key: f"https://slack.example/{key}")
        done = time.perf_counter()
        engine.dispose()
    print(f"digest for {args.stories:,} stories and {args.deals:,} deals "
          f"({engine.dialect.name}): {len(facts.active)} active deals, {len(messages)} messages, "
          f"max {max(len(m.blocks) for m in messages)} blocks")
    print(f"  query {queried - started:.3f} s, compose {composed - queried:.3f} s, "
          f"render {done - composed:.3f} s")
    print(f"  built and rendered in {done - started:.3f} s (target < 2 s)")


if __name__ == "__main__":
    main()
