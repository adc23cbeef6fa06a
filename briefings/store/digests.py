"""Digest queries: the facts of one week, thread posts to link, and the sent-digest records.
Deals a person said are not deals are left out of the digest, as from every list.

`plan_digest` writes the per-(channel, ISO week) record and the digest's outbox rows in the
caller's transaction, so a digest is planned exactly once or not at all; the deliverer sends it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from briefings.briefing import MessageKind
from briefings.digest import STALE_AFTER, DealActivity, WeekFacts, status_at
from briefings.digest_window import DigestWindow
from briefings.models import Deal, Status
from briefings.store import rollups
from briefings.store.convert import deal_from_row
from briefings.store.deals import listed
from briefings.store.outbox import PENDING
from briefings.store.tables import (
    DealRow,
    DealStatusRow,
    DealThreadRow,
    OutboxRow,
    SentDigestRow,
    StoryRow,
)

CHUNK = 500  # keys per IN (...) list, well under SQLite's and PostgreSQL's parameter limits


@dataclass
class _Reports:
    outlets: set[str] = field(default_factory=set)
    stories: int = 0
    best: tuple[float, datetime, str, str] | None = None  # (-score, published, link, outlet)


def week_facts(session: Session, window: DigestWindow) -> WeekFacts:
    """Deals with stories or status changes in the window, and the long-unconfirmed ones."""
    reports = _reports(session, window)
    changed = select(DealStatusRow.deal_key).where(
        DealStatusRow.at >= window.start, DealStatusRow.at < window.end).distinct()
    keys = set(reports) | set(session.scalars(changed))
    active = tuple(_activity(deal, reports.get(deal.key)) for deal in _deals(session, keys))
    return WeekFacts(window, active, _stale(session, window),
                     rollups.held_back_deals(session, window.start, window.end))


def _reports(session: Session, window: DigestWindow) -> dict[str, _Reports]:
    query = select(StoryRow.deal_key, StoryRow.outlet, StoryRow.link, StoryRow.score,
                   StoryRow.published_at).where(
        StoryRow.deal_key.is_not(None),
        StoryRow.published_at >= window.start, StoryRow.published_at < window.end)
    reports: dict[str, _Reports] = defaultdict(_Reports)
    for key, outlet, link, score, published in session.execute(query):
        entry = reports[str(key)]
        entry.outlets.add(outlet)
        entry.stories += 1
        candidate = (-score, published, link, outlet)
        entry.best = candidate if entry.best is None else min(entry.best, candidate)
    return reports


def _activity(deal: Deal, reports: _Reports | None) -> DealActivity:
    if reports is None or reports.best is None:
        return DealActivity(deal)
    _, _, link, outlet = reports.best
    return DealActivity(deal, frozenset(reports.outlets), reports.stories, link, outlet)


def _stale(session: Session, window: DigestWindow) -> tuple[DealActivity, ...]:
    """Unconfirmed at the window's end and first seen 4+ weeks before it."""
    query = select(DealRow).where(
        listed(), DealRow.first_seen_at <= window.end - STALE_AFTER,
        or_(DealRow.status == Status.UNCONFIRMED.value, DealRow.status_since >= window.end))
    stale = []
    for deal in _load(session, query):
        if status_at(deal.history, window.end) is Status.UNCONFIRMED:
            last = max((c for c in deal.history if c.at < window.end), key=lambda c: c.at)
            stale.append(DealActivity(deal, source_link=last.link, source_outlet=last.outlet))
    return tuple(stale)


def _deals(session: Session, keys: Iterable[str]) -> Iterator[Deal]:
    for chunk in _chunks(sorted(keys)):
        yield from _load(session, select(DealRow).where(DealRow.key.in_(chunk), listed()))


def _load(session: Session, query: Select[DealRow]) -> list[Deal]:
    """Deals with their status history, one history query per chunk of deals."""
    rows = list(session.scalars(query))
    history: dict[str, list[DealStatusRow]] = defaultdict(list)
    for chunk in _chunks([row.key for row in rows]):
        changes = select(DealStatusRow).where(DealStatusRow.deal_key.in_(chunk))
        for change in session.scalars(changes.order_by(DealStatusRow.id)):
            history[change.deal_key].append(change)
    return [deal_from_row(row, history[row.key]) for row in rows]


def _chunks(keys: Sequence[str]) -> Iterator[Sequence[str]]:
    for index in range(0, len(keys), CHUNK):
        yield keys[index:index + CHUNK]


def thread_posts(session: Session, channel: str, keys: Iterable[str]) -> dict[str, str]:
    """deal key -> ts of the deal's top-level post in `channel`, for the deals that have one."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(keys))):
        query = select(DealThreadRow.deal_key, DealThreadRow.ts).where(
            DealThreadRow.channel == channel, DealThreadRow.deal_key.in_(chunk))
        found.update({key: ts for key, ts in session.execute(query)})
    return found


def is_sent(session: Session, channel: str, week: str) -> bool:
    """Whether this channel's digest for this ISO week is planned (and so sent or on its way)."""
    query = select(SentDigestRow.id).where(SentDigestRow.channel == channel,
                                           SentDigestRow.week == week)
    return session.scalar(query) is not None


def plan_digest(session: Session, channel: str, week: str, payloads: Sequence[dict[str, Any]],
                now: datetime, *, force: bool = False) -> bool:
    """Record the week as sent for the channel and queue its messages; False if already done.

    `force` queues a fresh copy even when the week was sent (an operator's explicit repost)."""
    sent = is_sent(session, channel, week)
    if sent and not force:
        return False
    if not sent:
        session.add(SentDigestRow(channel=channel, week=week, planned_at=now))
    suffix = f"|forced@{now.isoformat()}" if sent else ""
    for part, payload in enumerate(payloads, 1):
        session.add(OutboxRow(
            idem_key=f"{MessageKind.DIGEST.value}|{channel}|{week}|{part}{suffix}",
            kind=MessageKind.DIGEST.value, channel=channel, deal_key=None, story_id=None,
            payload=dict(payload), state=PENDING, attempts=0, not_before=now, created_at=now))
    session.flush()
    return True
