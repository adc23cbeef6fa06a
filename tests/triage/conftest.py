"""Fixtures for the triage tests: one Triage over the shipped watch list, and a story builder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefings.config import Watchlist, load_config
from briefings.models import Story, Verdict
from briefings.triage import Triage
from briefings.triage.learned import WordModel

ROOT = Path(__file__).resolve().parents[2]
WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MakeStory = Callable[..., Story]


@pytest.fixture(scope="session")
def watchlist() -> Watchlist:
    return load_config(ROOT / "config" / "briefings.toml").watchlist


@pytest.fixture(scope="session")
def triage(watchlist: Watchlist) -> Triage:
    return Triage(watchlist)


@pytest.fixture(scope="session")
def rules_only(watchlist: Watchlist) -> Triage:
    """The rules alone: a word model that is never sure (every story 0.5) adds nothing."""
    return Triage(watchlist, words=WordModel({}))


def make_story(title: str, text: str = "", *, outlet: str = "Example Wire",
               official_for: tuple[str, ...] = (), published: datetime = WHEN,
               ident: str | None = None) -> Story:
    """A cleaned Story as the feed parser would hand it to the triage."""
    return Story(id=ident or f"{outlet}|{title}", feed=outlet, outlet=outlet, title=title,
                 text=text, link=f"https://example.com/{abs(hash(title))}", published=published,
                 first_seen=published, official_for=official_for)


def shortfalls(found: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """The figures of `found` below their floor, rounded for the failure message."""
    return {name: round(found[name], 3) for name, floor in floors.items() if found[name] < floor}


@pytest.fixture
def judge(triage: Triage) -> Callable[..., Verdict]:
    """Judge a story built from a title and body (keyword options as in `make_story`)."""
    def _judge(title: str, text: str = "", **options: object) -> Verdict:
        return triage.judge(make_story(title, text, **options))  # type: ignore[arg-type]
    return _judge
