"""Feed fetch state and health: validators, failures, next check."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.config import FeedConfig
from briefings.store.tables import FeedRow


def ensure_feed(session: Session, feed: FeedConfig) -> FeedRow:
    """The feed's row, created on first sight with the configured URL."""
    row = session.get(FeedRow, feed.name)
    if row is None:
        row = FeedRow(name=feed.name, url=feed.url, consecutive_failures=0, entries_seen=0,
                      disabled=False)
        session.add(row)
        session.flush()
    return row


def record_success(session: Session, name: str, *, status: int, etag: str | None,
                   last_modified: str | None, entries: int, now: datetime) -> None:
    row = session.get(FeedRow, name)
    assert row is not None
    row.last_status = status
    row.last_success_at = now
    row.consecutive_failures = 0
    row.etag = etag
    row.last_modified = last_modified
    row.entries_seen += entries
    row.first_fetched_at = row.first_fetched_at or now


def record_failure(session: Session, name: str, *, status: int | None, error: str,
                   now: datetime) -> None:
    row = session.get(FeedRow, name)
    assert row is not None
    row.last_status = status
    row.last_error = error[:1000]
    row.last_error_at = now
    row.consecutive_failures += 1


def all_feeds(session: Session) -> list[FeedRow]:
    return list(session.scalars(select(FeedRow).order_by(FeedRow.name)))
