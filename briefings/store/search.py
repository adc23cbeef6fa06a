"""The reads behind `/deal-status` and the App Home board: parameterised (user text never reaches
SQL; queries are matched against the in-memory `DealIndex`, then deals are read by key), and
indexed to stay fast at 10,000 deals and 200,000 stories. Deals a person said are not deals
(`hidden`) are left out of lists, the board and search; a card asked for by key still shows one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.orm import Session

from briefings.models import ChangeKind, Deal, Status, StatusChange
from briefings.store.convert import change_from_row, deal_from_row
from briefings.store.deals import get_deal, listed
from briefings.store.tables import DealRow, DealStatusRow, DealThreadRow, StoryRow


@dataclass(frozen=True, slots=True)
class Report:
    """One story about a deal, as the card cites it."""

    outlet: str
    title: str
    link: str
    published: datetime


@dataclass(frozen=True, slots=True)
class ThreadLink:
    """Where a deal's thread lives in Slack: a value, so no ORM row leaves the store."""

    channel: str
    ts: str


@dataclass(frozen=True, slots=True)
class DealDetail:
    """Everything the detail card shows, read in one transaction."""

    deal: Deal
    first: Report | None
    latest: list[Report]
    reports: int
    thread: ThreadLink | None


def recent(session: Session, limit: int, status: Status | None = None) -> tuple[list[Deal], int]:
    """The most recently active listed deals (optionally of one status) and how many there are."""
    query = (select(DealRow).where(listed())
             .order_by(DealRow.last_activity_at.desc(), DealRow.key).limit(limit))
    count = select(func.count()).select_from(DealRow).where(listed())
    if status is not None:
        query = query.where(DealRow.status == status.value)
        count = count.where(DealRow.status == status.value)
    deals = [deal_from_row(row) for row in session.scalars(query)]
    return deals, int(session.scalar(count) or 0)


# The card's and the search's reads, built once: building a statement (coercing each clause)
# cost more CPU per answer than SQLite spent running it. Values are bound per call.
_STORIES = select(StoryRow).where(StoryRow.deal_key == bindparam("key"))
_FIRST = _STORIES.order_by(StoryRow.published_at, StoryRow.id).limit(1)
_NEWEST = (_STORIES.order_by(StoryRow.published_at.desc(), StoryRow.id.desc())
           .limit(bindparam("latest", type_=Integer)))
_REPORTS = select(func.count()).select_from(StoryRow).where(StoryRow.deal_key == bindparam("key"))
_THREADS = (select(DealThreadRow).where(DealThreadRow.deal_key == bindparam("key"))
            .order_by(DealThreadRow.channel))
_BY_KEYS = select(DealRow).where(DealRow.key.in_(bindparam("keys", expanding=True)), listed())


def detail(session: Session, key: str, latest: int = 5, channel: str | None = None
           ) -> DealDetail | None:
    """A deal with its history, first and latest reports, and its thread (this channel first)."""
    deal = get_deal(session, key, with_history=True)
    if deal is None:
        return None
    first = session.scalars(_FIRST, {"key": key}).all()
    newest = session.scalars(_NEWEST, {"key": key, "latest": latest})
    return DealDetail(deal, next(map(_report, first), None), [_report(row) for row in newest],
                      int(session.scalar(_REPORTS, {"key": key}) or 0),
                      _thread(session, key, channel))


def _report(row: StoryRow) -> Report:
    return Report(row.outlet, row.title, row.link, row.published_at)


def _thread(session: Session, key: str, channel: str | None) -> ThreadLink | None:
    rows = list(session.scalars(_THREADS, {"key": key}))
    here = [row for row in rows if row.channel == channel]
    row = next(iter(here or rows), None)
    return ThreadLink(row.channel, row.ts) if row is not None else None


@dataclass(frozen=True, slots=True)
class Call:
    """A person's entry in a deal's history, with the deal as it is now."""

    deal: Deal
    change: StatusChange


def recent_calls(session: Session, limit: int) -> list[Call]:
    """The latest corrections by people, newest first, on deals still listed."""
    query = (select(DealStatusRow, DealRow)
             .join(DealRow, DealRow.key == DealStatusRow.deal_key)
             .where(DealStatusRow.kind != ChangeKind.STORY.value, listed())
             .order_by(DealStatusRow.id.desc()).limit(limit))
    return [Call(deal_from_row(deal), change_from_row(change))
            for change, deal in session.execute(query)]


def indexed_deals(session: Session) -> list[tuple[str, str]]:
    """(key, search_text) of every deal, most recently active first, for the search index.

    Core rows, not ORM entities: at 10,000 deals that is the difference between ~20 ms and ~80 ms.
    """
    query = (select(DealRow.key, DealRow.search_text).where(listed())
             .order_by(DealRow.last_activity_at.desc(), DealRow.key))
    return [(str(key), str(text)) for key, text in session.connection().execute(query)]


def deals_by_keys(session: Session, keys: Sequence[str]) -> list[Deal]:
    """These deals, in the order given (unknown and hidden keys are skipped: the cached index
    may still hold a deal hidden since it was built)."""
    rows = {row.key: row for row in session.scalars(_BY_KEYS, {"keys": list(keys)})}
    return [deal_from_row(rows[key]) for key in keys if key in rows]
