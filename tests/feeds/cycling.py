"""Running whole poll cycles against a loopback server and a real database, for the tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from briefings.config import Config, FeedConfig, FetchConfig, load_config
from briefings.cycle import run_poll_cycle
from briefings.feeds.fetch import Fetcher
from briefings.pipeline import IngestReport, Pipeline
from briefings.store.database import transaction
from briefings.store.feeds import FeedHealth, all_feeds
from briefings.store.tables import OutboxRow, StoryRow
from briefings.triage import Triage
from tests.feeds.samples import Item, rss
from tests.feeds.server import respond

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DEAL_TEXT = ("Anthropic is in talks with Microsoft to run Claude inference on Maia 200 "
             "accelerators, according to people familiar with the matter.")
CONFIRMED_TEXT = ("Anthropic and Microsoft announced on Tuesday that Anthropic will run Claude "
                  "inference on Maia 200 accelerators under a multi-year agreement, the "
                  "companies said in a statement.")


def make_config(fetch: FetchConfig) -> Config:
    """The repository's config (watch list, channels) with no feeds and `fetch`."""
    config = load_config(ROOT / "config" / "briefings.toml")
    briefings = config.briefings.model_copy(update={"feeds": (), "fetch": fetch})
    return config.model_copy(update={"briefings": briefings})


@dataclass
class Harness:
    """Polls `feeds` through the real cycle; counts what landed in the store."""

    sessions: sessionmaker[Session]
    config: Config
    feeds: list[FeedConfig] = field(default_factory=list)

    def add_feed(self, name: str, url: str, **options: object) -> FeedConfig:
        feed = FeedConfig(name=name, url=url, **options)  # type: ignore[arg-type]
        self.feeds.append(feed)
        return feed

    def cycle(self, now: datetime, feeds: Sequence[FeedConfig] | None = None, *,
              stop: threading.Event | None = None) -> IngestReport:
        pipeline = Pipeline(self.sessions, self.config, Triage(self.config.watchlist))
        with Fetcher(self.config.briefings.fetch) as fetcher:
            return run_poll_cycle(self.sessions, fetcher, pipeline, feeds or self.feeds, now,
                                  look_back_hours=self.config.briefings.look_back_hours,
                                  stop=stop)

    def count(self, table: type[StoryRow] | type[OutboxRow]) -> int:
        with transaction(self.sessions) as session:
            return session.scalar(select(func.count()).select_from(table)) or 0

    def stories(self) -> list[StoryRow]:
        with transaction(self.sessions) as session:
            return list(session.scalars(select(StoryRow).order_by(StoryRow.title)))

    def health(self, name: str) -> FeedHealth:
        with transaction(self.sessions) as session:
            return next(h for h in all_feeds(session) if h.name == name)


def deal_items(count: int, *, prefix: str = "deal", when: datetime | None = None) -> list[Item]:
    """Items triage finds relevant, each its own story."""
    return [Item(f"{prefix} {i}: Anthropic weighs Microsoft Maia chips", f"https://wire.example/"
                 f"{prefix}/{i}", f"{prefix}-{i}", when, DEAL_TEXT) for i in range(count)]


def conditional_feed(items: Callable[[], list[Item]]) -> Callable[[BaseHTTPRequestHandler], None]:
    """A feed with an ETag that changes with its content, answering 304 when it matches."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        body = rss(items())
        etag = f'"v{hash(body) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            respond(request, 304, b"", {"ETag": etag})
        else:
            respond(request, 200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})
    return handler
