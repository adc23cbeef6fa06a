"""The reads behind `/deal-status` and the App Home board, all parameterised (user text is only
ever a bound LIKE pattern, escaped), and indexed to stay fast at 10,000 deals / 200,000 stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, case, func, select, type_coerce
from sqlalchemy.orm import Session

from briefings.models import Deal, Status
from briefings.search import Kind, Term
from briefings.store.convert import deal_from_row
from briefings.store.deals import get_deal
from briefings.store.tables import DealRow, DealThreadRow, StoryRow


@dataclass(frozen=True, slots=True)
class Matches:
    """The best-scoring deals for a query, best first; `complete` when they match every term."""

    deals: list[Deal]
    total: int
    complete: bool


@dataclass(frozen=True, slots=True)
class Report:
    """One story about a deal, as the card cites it."""

    outlet: str
    title: str
    link: str
    published: datetime


@dataclass(frozen=True, slots=True)
class DealDetail:
    """Everything the detail card shows, read in one transaction."""

    deal: Deal
    first: Report | None
    latest: list[Report]
    reports: int
    thread: DealThreadRow | None


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _pattern(term: Term) -> str:
    body = escape_like(term.text.lower())
    return f"%|{body}|%" if term.whole else f"%{body}%"


def _score(terms: Sequence[Term]) -> ColumnElement[int]:
    hits = [case((DealRow.search_text.like(_pattern(t), escape="\\"), 1), else_=0) for t in terms]
    total: ColumnElement[int] = hits[0]
    for hit in hits[1:]:
        total = total + hit
    return type_coerce(total, Integer)


def find_deals(session: Session, terms: Sequence[Term], limit: int) -> Matches:
    """Deals mentioning the most terms (ties: most recent activity first), up to `limit`."""
    if not terms:
        return Matches([], 0, complete=False)
    score = _score(terms).label("score")
    query = (select(DealRow.key, score).where(score > 0)
             .order_by(score.desc(), DealRow.last_activity_at.desc(), DealRow.key))
    ranked = session.execute(query).all()
    if not ranked:
        return Matches([], 0, complete=False)
    best = ranked[0][1]
    keys = [key for key, points in ranked if points == best]
    rows = {r.key: r for r in session.scalars(select(DealRow).where(DealRow.key.in_(keys[:limit])))}
    deals = [deal_from_row(rows[key]) for key in keys[:limit]]
    return Matches(deals, len(keys), complete=best == len(terms))


def recent(session: Session, limit: int, status: Status | None = None) -> tuple[list[Deal], int]:
    """The most recently active deals (optionally of one status) and how many there are."""
    query = select(DealRow).order_by(DealRow.last_activity_at.desc(), DealRow.key).limit(limit)
    count = select(func.count()).select_from(DealRow)
    if status is not None:
        query = query.where(DealRow.status == status.value)
        count = count.where(DealRow.status == status.value)
    deals = [deal_from_row(row) for row in session.scalars(query)]
    return deals, int(session.scalar(count) or 0)


def detail(session: Session, key: str, latest: int = 5, channel: str | None = None
           ) -> DealDetail | None:
    """A deal with its history, first and latest reports, and its thread (this channel first)."""
    deal = get_deal(session, key, with_history=True)
    if deal is None:
        return None
    stories = select(StoryRow).where(StoryRow.deal_key == key)
    first = session.scalars(stories.order_by(StoryRow.published_at, StoryRow.id).limit(1)).all()
    newest = stories.order_by(StoryRow.published_at.desc(), StoryRow.id.desc()).limit(latest)
    count = select(func.count()).select_from(StoryRow).where(StoryRow.deal_key == key)
    return DealDetail(deal, next(map(_report, first), None),
                      [_report(row) for row in session.scalars(newest)],
                      int(session.scalar(count) or 0), _thread(session, key, channel))


def _report(row: StoryRow) -> Report:
    return Report(row.outlet, row.title, row.link, row.published_at)


def _thread(session: Session, key: str, channel: str | None) -> DealThreadRow | None:
    query = select(DealThreadRow).where(DealThreadRow.deal_key == key)
    rows = list(session.scalars(query.order_by(DealThreadRow.channel)))
    here = [row for row in rows if row.channel == channel]
    return next(iter(here or rows), None)


def deal_names(session: Session) -> list[tuple[str, Kind]]:
    """Every party, chip and subject on a tracked deal, so queries can resolve to them."""
    names: dict[str, Kind] = {}
    for parties, chips, subject in session.execute(
            select(DealRow.parties, DealRow.chips, DealRow.subject)):
        names.update({str(p): Kind.COMPANY for p in parties})
        names.update({str(c): Kind.CHIP for c in chips})
        names.setdefault(subject, Kind.SUBJECT)
    return list(names.items())
