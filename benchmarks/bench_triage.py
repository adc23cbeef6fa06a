"""Triage speed on one core against its budget: at most 0.5 ms per devset story.

Usage: python benchmarks/bench_triage.py [--devset PATH] [--corpus DIR] [--repeat N]
Devset: the labelled items, judged one after another; the figure is ms per story and stories/s
against the budget (exit status 1 when over it). feedparser's parse of the same items, rendered
as one RSS document, is printed beside it for scale only. Corpus (when present): the
real feed files of ../shared/feeds-corpus are parsed with feedparser and their entries triaged,
a mix closer to what the bot reads (few stories name two watch-list companies).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.devset import DEVSET, load
from briefings.config import load_config
from briefings.models import Story
from briefings.triage import Triage
from briefings.triage.text import clean

CORPUS = DEVSET.parent.parent / "feeds-corpus" / "files"
TEXT_CAP = 4000
BUDGET_MS = 0.5  # per devset story, one core


def rss(stories: list[Story]) -> bytes:
    """One RSS 2.0 document holding every story."""
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{escape(s.link)}</link>"
        f"<description>{escape(s.text)}</description><guid>{escape(s.link)}</guid>"
        f"<pubDate>{format_datetime(s.published)}</pubDate></item>"
        for s in stories
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench'
            f"</title><link>https://example.com/</link><description>bench</description>"
            f"{items}</channel></rss>").encode()


def best_of(repeat: int, *work: Callable[[], object]) -> list[float]:
    """The fastest of `repeat` runs of each job, in seconds. Jobs are interleaved so that a
    busy machine slows them alike, and the minimum is the run least disturbed by it."""
    times: list[list[float]] = [[] for _ in work]
    for _ in range(repeat):
        for job, spent in zip(work, times, strict=True):
            start = time.perf_counter()
            job()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def corpus_stories(files: list[bytes], when: datetime) -> list[Story]:
    """Entries of real feed files, cleaned and capped as the feed parser does."""
    stories = []
    for body in files:
        for number, entry in enumerate(feedparser.parse(body).entries):
            title = clean(str(entry.get("title", "")))
            text = clean(str(entry.get("summary", "")))[:TEXT_CAP]
            stories.append(Story(id=f"{len(stories)}-{number}", feed="corpus", outlet="corpus",
                                 title=title, text=text, link=str(entry.get("link", "")),
                                 published=when, first_seen=when))
    return stories


def report(name: str, triage: Triage, stories: list[Story], parse: Callable[[], object],
           repeat: int, budget_ms: float | None = None) -> bool:
    """Print ms per story and stories/s for one set of items (against `budget_ms` when given),
    and feedparser's time on them for scale; False when over the budget."""
    triage_s, parse_s = best_of(repeat, lambda: [triage.judge(s) for s in stories], parse)
    per_story_ms = triage_s / len(stories) * 1e3
    within = budget_ms is None or per_story_ms <= budget_ms
    against = "" if budget_ms is None else (
        f" (budget {budget_ms} ms: {'within' if within else 'OVER'}, "
        f"{per_story_ms / budget_ms:.0%} of it)")
    print(f"{name}: {len(stories)} stories (one core, best of {repeat})")
    print(f"  triage: {per_story_ms:.3f} ms/story = {len(stories) / triage_s:,.0f} stories/s"
          f"{against}")
    print(f"  for scale, feedparser.parse: {parse_s / len(stories) * 1e3:.3f} ms/story "
          f"(triage takes {triage_s / parse_s:.0%} of it)")
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--config", type=Path,
                        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")))
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    triage = Triage(load_config(args.config).watchlist)
    stories = [item.story for item in load(args.devset, triage.matcher)]
    document = rss(stories)
    within = report("devset", triage, stories, lambda: feedparser.parse(document), args.repeat,
                    BUDGET_MS)
    if args.corpus.is_dir():
        files = [path.read_bytes() for path in sorted(args.corpus.iterdir()) if path.is_file()]
        real = corpus_stories(files, datetime.now(UTC))
        report("feeds corpus", triage, real, lambda: [feedparser.parse(f) for f in files],
               max(args.repeat // 4, 1))
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
