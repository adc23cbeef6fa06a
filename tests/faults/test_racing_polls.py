"""Two poll cycles racing on one database (a manual `poll --once` during another): every story
is stored once and every briefing posted once, by unique keys and row claims."""

from __future__ import annotations

import re

from sqlalchemy import Engine, func, select

from bot.sandbox import SlackSandbox
from briefings.store.tables import StoryRow
from tests.conftest import ROOT
from tests.faults.harness import Bot, ledger


def sample_entries() -> int:
    """Entries (RSS items, Atom entries) in the demo's sample feeds."""
    feeds = (ROOT / "config" / "samples").glob("*.xml")
    return sum(len(re.findall(r"<(?:item|entry)>", f.read_text())) for f in feeds)


def test_two_polls_at_once_store_and_post_once(bot: Bot, engine: Engine,
                                               slack: SlackSandbox) -> None:
    racers = [bot.start("poll", "--once", "--max-wait", "90") for _ in range(2)]
    outputs = [racer.communicate(timeout=180)[0] for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], "\n".join(outputs)[-4000:]
    with engine.connect() as conn:
        stored = conn.scalar(select(func.count()).select_from(StoryRow))
    assert stored == sample_entries()  # the sample feeds' entries, each once
    figures = ledger(engine, slack)
    assert figures.planned > 10 and figures.lost == 0 and figures.duplicated == 0, str(figures)
