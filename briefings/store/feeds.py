"""Feed fetch state (URL, validators, schedule, failures) and the `FeedHealth` view of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.config import FeedConfig
from briefings.store.tables import FeedRow


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the poller needs to know about a feed before fetching it."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None
    failures: int
    first_fetch: bool
    disabled: bool
    next_check_at: datetime | None

    def is_due(self, now: datetime) -> bool:
        return not self.disabled and (self.next_check_at is None or self.next_check_at <= now)


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """The result of one fetch, to record. `etag`/`last_modified` None keeps the stored ones
    only on 304; on 200 they replace them (a server that drops its ETag means it)."""

    name: str
    status: int | None
    next_check_at: datetime
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    entries: int | None = None
    moved_to: str | None = None
    disable: bool = False


def sync_feeds(session: Session, feeds: Sequence[FeedConfig]) -> dict[str, FeedState]:
    """Each configured feed's state; rows are created on first sight, and a URL edited in the
    config replaces a redirect-learned URL and clears the validators and a disabled flag."""
    rows = _rows(session, [feed.name for feed in feeds])
    states = {}
    for feed in feeds:
        row = rows.get(feed.name) or _new_row(session, feed)
        if row.configured_url != feed.url:
            row.url, row.configured_url, row.disabled = feed.url, feed.url, False
            row.etag, row.last_modified, row.next_check_at = None, None, None
        states[feed.name] = FeedState(row.name, row.url, row.etag, row.last_modified,
                                      row.consecutive_failures, row.first_fetched_at is None,
                                      row.disabled, row.next_check_at)
    session.flush()
    return states


def _rows(session: Session, names: Sequence[str]) -> dict[str, FeedRow]:
    """The named feeds' rows in one query per 500 names, not one per feed."""
    rows: dict[str, FeedRow] = {}
    for start in range(0, len(names), 500):
        query = select(FeedRow).where(FeedRow.name.in_(names[start:start + 500]))
        rows.update((row.name, row) for row in session.scalars(query))
    return rows


def _new_row(session: Session, feed: FeedConfig) -> FeedRow:
    row = FeedRow(name=feed.name, url=feed.url, configured_url=feed.url, consecutive_failures=0,
                  entries_seen=0, disabled=False)
    session.add(row)
    return row


def record(session: Session, updates: Sequence[FeedUpdate], now: datetime) -> None:
    """Store each fetch's outcome on its feed's row."""
    rows = _rows(session, [update.name for update in updates])
    for update in updates:
        if update.name in rows:
            _apply(rows[update.name], update, now)


def _apply(row: FeedRow, update: FeedUpdate, now: datetime) -> None:
    row.last_status, row.next_check_at = update.status, update.next_check_at
    row.disabled = row.disabled or update.disable
    if update.error is not None:
        row.last_error, row.last_error_at = update.error[:1000], now
        row.consecutive_failures += 1
        return
    row.last_success_at, row.consecutive_failures = now, 0
    row.first_fetched_at = row.first_fetched_at or now
    row.url = update.moved_to or row.url
    if update.status != 304 or update.etag or update.last_modified:
        row.etag, row.last_modified = update.etag, update.last_modified
    if update.entries is not None:
        row.entries_seen = update.entries


def enable_feed(session: Session, name: str) -> bool:
    """Re-enable a disabled feed and check it at the next cycle; False if it is unknown."""
    row = session.get(FeedRow, name)
    if row is None:
        return False
    row.disabled, row.consecutive_failures, row.next_check_at = False, 0, None
    return True


UNHEALTHY_AFTER = 3


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """One feed's health. `state` is ok, new, failing, unhealthy or disabled."""

    name: str
    url: str
    state: str
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_failures: int
    last_status: int | None
    entries_seen: int
    next_check_at: datetime | None
    disabled: bool

    @property
    def healthy(self) -> bool:
        return self.state in ("ok", "new")


def _state(row: FeedRow, unhealthy_after: int) -> str:
    if row.disabled:
        return "disabled"
    if row.consecutive_failures >= unhealthy_after:
        return "unhealthy"
    if row.consecutive_failures:
        return "failing"
    return "ok" if row.last_success_at else "new"


def health(row: FeedRow, unhealthy_after: int = UNHEALTHY_AFTER) -> FeedHealth:
    """A row as a health record."""
    return FeedHealth(row.name, row.url, _state(row, unhealthy_after), row.last_success_at,
                      row.last_error, row.last_error_at, row.consecutive_failures,
                      row.last_status, row.entries_seen, row.next_check_at, row.disabled)


def all_feeds(session: Session, unhealthy_after: int = UNHEALTHY_AFTER) -> list[FeedHealth]:
    """Every known feed's health, by name."""
    rows = session.scalars(select(FeedRow).order_by(FeedRow.name))
    return [health(row, unhealthy_after) for row in rows]
