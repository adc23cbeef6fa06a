"""The outbox: messages planned in the same transaction as the story, sent later, marked with `ts`.

States: pending -> sending -> sent | failed. A row is claimed (`sending`) before the Slack call
and marked after it, so a crash leaves evidence of an uncertain send instead of losing it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from briefings.briefing import MessageKind
from briefings.planning import PlannedMessage
from briefings.store.tables import DealThreadRow, OutboxRow

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


def enqueue(session: Session, message: PlannedMessage, now: datetime) -> bool:
    """Plan a message unless one with the same idempotency key exists; True if added."""
    exists = select(OutboxRow.id).where(OutboxRow.idem_key == message.idem_key)
    if session.scalar(exists) is not None:
        return False
    session.add(
        OutboxRow(
            idem_key=message.idem_key,
            kind=message.kind.value,
            channel=message.channel,
            deal_key=message.briefing.deal_key,
            story_id=message.briefing.story_id,
            payload=message.briefing.to_json(),
            state=PENDING,
            attempts=0,
            not_before=now,
            created_at=now,
        )
    )
    session.flush()
    return True


def threaded_channels(session: Session, deal_key: str) -> set[str]:
    """Channels where this deal's top-level post is sent or still on its way."""
    query = select(OutboxRow.channel).where(
        OutboxRow.deal_key == deal_key,
        OutboxRow.kind == MessageKind.NEW_DEAL.value,
        OutboxRow.state != FAILED,
    )
    return set(session.scalars(query))


def due(session: Session, now: datetime, limit: int = 100) -> list[OutboxRow]:
    """Pending messages whose time has come, in the order they were planned."""
    query = (
        select(OutboxRow)
        .where(OutboxRow.state == PENDING, OutboxRow.not_before <= now)
        .order_by(OutboxRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def claim(session: Session, row_id: int) -> bool:
    """Move a pending row to `sending`; False if another worker got it first."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id, OutboxRow.state == PENDING)
        .values(state=SENDING, attempts=OutboxRow.attempts + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_sent(session: Session, row_id: int, ts: str, now: datetime) -> None:
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id)
        .values(state=SENT, ts=ts, sent_at=now, error=None)
    )


def retry_later(session: Session, row_id: int, delay: timedelta, error: str, now: datetime) -> None:
    """Back to pending, not before `now + delay`."""
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id)
        .values(state=PENDING, not_before=now + delay, error=error)
    )


def mark_failed(session: Session, row_id: int, error: str) -> None:
    """A permanent failure: kept with its reason for operators, never retried."""
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id).values(state=FAILED, error=error)
    )


def thread_of(session: Session, deal_key: str, channel: str) -> DealThreadRow | None:
    return session.get(DealThreadRow, (deal_key, channel))


def record_thread(
    session: Session, deal_key: str, channel: str, ts: str, status: str, story_id: str
) -> None:
    """Remember where a deal's top-level post is, and which status it shows."""
    row = session.get(DealThreadRow, (deal_key, channel))
    if row is None:
        session.add(DealThreadRow(deal_key=deal_key, channel=channel, ts=ts, status_shown=status,
                                  story_id=story_id))
    else:
        row.status_shown = status


def counts_by_state(session: Session) -> dict[str, int]:
    query = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
    return {state: int(n) for state, n in session.execute(query)}


def failures(session: Session, limit: int = 20) -> list[OutboxRow]:
    query = (select(OutboxRow).where(OutboxRow.state == FAILED)
             .order_by(OutboxRow.id.desc()).limit(limit))
    return list(session.scalars(query))
