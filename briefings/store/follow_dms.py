"""The outbox's direct messages to followers (kind `follow_dm`, channel = the person's user ID,
deal_key = the deal), as the one-per-deal-per-hour rule reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from briefings.briefing import MessageKind
from briefings.store.outbox import PENDING, SENDING, SENT, UNVERIFIED
from briefings.store.tables import OutboxRow


@dataclass(frozen=True, slots=True)
class DmRow:
    """One planned DM: its row, its payload, and when it went (or may have gone) out."""

    id: int
    deal_key: str
    payload: dict[str, Any]
    at: datetime


def waiting(session: Session, user: str, deal_key: str) -> DmRow | None:
    """The person's DM about this deal that no attempt has reached Slack with yet."""
    found = waiting_for(session, user=user, deal_key=deal_key)
    return found[-1] if found else None


def last_posted(session: Session, user: str, deal_key: str) -> DmRow | None:
    """The person's latest DM about this deal that was sent, or that an attempt may have
    posted (in flight, uncertain, unverified): `at` is when it went, or was claimed."""
    maybe = or_(OutboxRow.state.in_((SENT, SENDING, UNVERIFIED)),
                and_(OutboxRow.state == PENDING, OutboxRow.uncertain.is_(True)))
    query = _dms(user, deal_key).where(maybe).order_by(OutboxRow.id.desc()).limit(1)
    row = session.scalars(query).first()
    if row is None:
        return None
    at = row.sent_at or row.claimed_at or row.created_at
    return DmRow(row.id, row.deal_key or "", dict(row.payload), at)


def planned_count(session: Session, user: str, deal_key: str) -> int:
    """How many DMs about this deal were ever planned for the person (the next one's number)."""
    query = select(func.count()).select_from(OutboxRow).where(_is_dm(user, deal_key))
    return int(session.scalar(query) or 0)


def waiting_for(session: Session, *, user: str | None = None,
                deal_key: str | None = None) -> list[DmRow]:
    """Waiting DMs (no attempt reached Slack) of one person or about one deal."""
    query = select(OutboxRow).where(OutboxRow.kind == MessageKind.FOLLOW_DM.value,
                                    OutboxRow.state == PENDING, OutboxRow.uncertain.is_(False))
    if user is not None:
        query = query.where(OutboxRow.channel == user)
    if deal_key is not None:
        query = query.where(OutboxRow.deal_key == deal_key)
    return [DmRow(row.id, row.deal_key or "", dict(row.payload), row.not_before)
            for row in session.scalars(query.order_by(OutboxRow.id))]


def _dms(user: str, deal_key: str) -> Select[OutboxRow]:
    return select(OutboxRow).where(_is_dm(user, deal_key))


def _is_dm(user: str, deal_key: str) -> ColumnElement[bool]:
    return and_(OutboxRow.kind == MessageKind.FOLLOW_DM.value, OutboxRow.channel == user,
                OutboxRow.deal_key == deal_key)
