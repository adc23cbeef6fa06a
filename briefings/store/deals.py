"""Tracked deals and their status history."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import ColumnElement, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from briefings.models import Deal, StatusChange
from briefings.store.convert import deal_from_row, search_text
from briefings.store.tables import DealRow, DealStatusRow


def get_deal(session: Session, key: str, *, with_history: bool = False) -> Deal | None:
    """The deal with this key, or None."""
    row = session.get(DealRow, key)
    if row is None:
        return None
    history = _history(session, key) if with_history else None
    return deal_from_row(row, history)


def lock_deal(session: Session, key: str, *, with_history: bool = False) -> Deal | None:
    """The deal, its row locked till the transaction ends (PostgreSQL `FOR UPDATE`; SQLite's
    writers already run one at a time), so two people correcting it at once apply in turn and
    each reads what the other wrote."""
    # populate_existing: the locked read's values replace any the session already holds
    query = (select(DealRow).where(DealRow.key == key).with_for_update()
             .execution_options(populate_existing=True))
    row = session.scalar(query)
    if row is None:
        return None
    return deal_from_row(row, _history(session, key) if with_history else None)


def live_deal(session: Session, key: str) -> Deal | None:
    """The deal under `key` or, when a person merged it, the deal it lives on in (followed to
    the end), so a story grouped with a merged deal joins the deal that has its thread."""
    return _follow_merges(key, lambda k: get_deal(session, k))


def lock_live_deal(session: Session, key: str) -> Deal | None:
    """`live_deal`, each deal on the way locked as it is read (`lock_deal`): one read where
    the deal was never merged, and a merge committed meanwhile is seen and followed."""
    return _follow_merges(key, lambda k: lock_deal(session, k))


def _follow_merges(key: str, read: Callable[[str], Deal | None]) -> Deal | None:
    deal, seen = read(key), {key}
    while deal is not None and deal.merged_into and deal.merged_into not in seen:
        seen.add(deal.merged_into)
        deal = read(deal.merged_into) or deal  # a dangling link: keep the last
    return deal


def live() -> ColumnElement[bool]:
    """Deals later stories may join: not merged into another (its stories and history live on
    in the deal it was merged into). A deal a person said is not a deal stays live, so its
    later stories join it unannounced instead of opening a new deal."""
    return DealRow.merged_into.is_(None)


def listed() -> ColumnElement[bool]:
    """The deals lists, search, App Home and the digest show: live, and not hidden by a person
    saying it is not a deal."""
    return and_(live(), DealRow.hidden.is_(False))


# Built once (every card reads a history): only the key is bound per call.
_HISTORY = (select(DealStatusRow).where(DealStatusRow.deal_key == bindparam("key"))
            .order_by(DealStatusRow.id))


def _history(session: Session, key: str) -> list[DealStatusRow]:
    return list(session.scalars(_HISTORY, {"key": key}))


def candidates(session: Session, parties: Iterable[str]) -> list[Deal]:
    """Live deals (not merged into another) that share at least one party with `parties`, most
    recently active first."""
    sharing = _sharing(parties)
    if sharing is None:
        return []
    query = (select(DealRow).where(sharing, live())
             .order_by(DealRow.last_activity_at.desc()))
    return [deal_from_row(row) for row in session.scalars(query)]


def merge_candidates(session: Session, deal: Deal, limit: int) -> list[Deal]:
    """Deals a person may say `deal` is the same as: sharing a party, neither it, nor hidden,
    nor merged into another; most recently active first, at most `limit`."""
    sharing = _sharing(deal.parties)
    if sharing is None:
        return []
    query = (select(DealRow)
             .where(sharing, listed(), DealRow.key != deal.key)
             .order_by(DealRow.last_activity_at.desc()).limit(limit))
    return [deal_from_row(row) for row in session.scalars(query)]


def _sharing(parties: Iterable[str]) -> ColumnElement[bool] | None:
    likes = [DealRow.search_text.like(f"%|{_escape_like(p.lower())}|%", escape="\\")
             for p in parties]
    return or_(*likes) if likes else None


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def save_deal(session: Session, deal: Deal) -> None:
    """Insert or update a deal's current state (its history is appended separately)."""
    row = session.get(DealRow, deal.key) or DealRow(key=deal.key)
    row.parties = list(deal.parties)
    row.subject = deal.subject
    row.chips = list(deal.chips)
    row.kind = deal.kind.value
    row.status = deal.status.value
    row.status_since = deal.status_since
    row.first_seen_at = deal.first_seen
    row.last_activity_at = deal.last_activity
    row.summary = deal.summary
    row.evidence = list(deal.evidence)
    row.search_text = search_text(deal)
    row.set_by_id = deal.set_by.id if deal.set_by else None
    row.set_by_name = deal.set_by.name if deal.set_by else None
    row.hidden = deal.hidden
    row.merged_into = deal.merged_into
    session.add(row)
    session.flush()


def add_status_change(session: Session, key: str, change: StatusChange) -> int:
    """Append one entry to a deal's status history; returns its id (unique, so messages planned
    for a correction can be keyed by it)."""
    row = DealStatusRow(
        deal_key=key,
        status=change.status.value,
        at=change.at,
        story_id=change.story_id,
        outlet=change.outlet,
        link=change.link,
        evidence=list(change.evidence),
        kind=change.kind.value,
        by_id=change.by.id if change.by else None,
        by_name=change.by.name if change.by else None,
        reason=change.reason,
        other_deal=change.other_deal,
    )
    session.add(row)
    session.flush()
    return row.id


def recent_deals(session: Session, limit: int) -> list[Deal]:
    """Listed deals (not merged away, not marked not a deal), most recent activity first."""
    query = (select(DealRow).where(listed()).order_by(DealRow.last_activity_at.desc())
             .limit(limit))
    return [deal_from_row(row) for row in session.scalars(query)]
