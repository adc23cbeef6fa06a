"""The outbox: messages planned in the same transaction as the story, sent later, marked with `ts`.

States: pending -> sending -> sent | failed | unverified | skipped (`unverified`: an attempt may
have posted it and Slack would not let us check, so it is neither sent again nor forgotten);
pending -> withdrawn for a message no longer wanted before any attempt reached Slack (a
follower's DM superseded by a later one, or about a deal they unfollowed).
A row is claimed (`sending`) before the Slack call and marked after it, so a crash leaves
evidence of an uncertain send instead of losing it; `uncertain` rows are looked up in Slack
before they are posted again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import coalesce

from briefings.briefing import MessageKind
from briefings.outbox_values import DealThread, OutboxMessage
from briefings.planning import PlannedMessage
from briefings.store.tables import DealThreadRow, OutboxRow

PENDING, SENDING, SENT, FAILED, SKIPPED = "pending", "sending", "sent", "failed", "skipped"
UNVERIFIED = "unverified"
WITHDRAWN = "withdrawn"
OPEN = (PENDING, SENDING)
MAYBE_POSTED = (*OPEN, SENT, UNVERIFIED)  # a deal root in these states: no second root


def enqueue(session: Session, message: PlannedMessage, now: datetime,
            *, held_back: str | None = None) -> bool:
    """Plan a briefing unless one with the same idempotency key exists; True if added.

    `held_back` records the message as `skipped` with that reason (a flood cap), so it is
    visible to operators and never planned again."""
    b = message.briefing
    return enqueue_payload(session, message.idem_key, message.kind, message.channel, b.to_json(),
                           now, deal_key=b.deal_key, story_id=b.story_id, held_back=held_back)


def enqueue_payload(session: Session, idem_key: str, kind: MessageKind, channel: str,
                    payload: dict[str, Any], now: datetime, *, deal_key: str | None = None,
                    story_id: str | None = None, held_back: str | None = None,
                    not_before: datetime | None = None) -> bool:
    """Plan any message (digests carry pre-rendered `text` and `blocks`); True if added.
    `not_before`: not sent before then (a follower's paced direct message); default now.

    A new edit of a deal's post supersedes the post's edits still waiting (see
    `supersede_edits`), so the post is edited once, to what is true now."""
    if session.scalar(select(OutboxRow.id).where(OutboxRow.idem_key == idem_key)) is not None:
        return False
    if kind is MessageKind.EDIT_ROOT and deal_key is not None and not held_back:
        supersede_edits(session, deal_key, channel, idem_key)
    session.add(OutboxRow(
        idem_key=idem_key, kind=kind.value, channel=channel, deal_key=deal_key,
        story_id=story_id, payload=payload, state=SKIPPED if held_back else PENDING,
        attempts=0, not_before=not_before or now, created_at=now, error=held_back,
        uncertain=False,
    ))
    session.flush()
    return True


def supersede_edits(session: Session, deal_key: str, channel: str, by: str) -> int:
    """Skip the deal post's edits in `channel` not yet claimed, saying which edit replaced them:
    each edit renders the whole post, so only the newest need reach Slack. An edit already
    being sent stays; the new one waits for it (`earlier_open`). Two people correcting a deal at
    once take its row lock in turn, so the second always sees, and supersedes, the first's."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.deal_key == deal_key, OutboxRow.channel == channel,
               OutboxRow.kind == MessageKind.EDIT_ROOT.value, OutboxRow.state == PENDING)
        .values(state=SKIPPED, error=f"superseded by a later edit ({by})"[:500])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def shown_briefings(session: Session, deal_key: str) -> dict[str, dict[str, Any]]:
    """Per channel with the deal's post, the briefing that post shows (or will, once its
    messages are sent): the newest edit planned for it, else the post as first planned."""
    query = select(OutboxRow.channel, OutboxRow.payload).where(
        OutboxRow.deal_key == deal_key,
        OutboxRow.kind.in_((MessageKind.NEW_DEAL.value, MessageKind.EDIT_ROOT.value)),
        OutboxRow.state.in_(MAYBE_POSTED),
    ).order_by(OutboxRow.id)
    rooted = threaded_channels(session, deal_key)
    return {channel: dict(payload) for channel, payload in session.execute(query)
            if channel in rooted}


def threaded_channels(session: Session, deal_key: str) -> set[str]:
    """Channels where this deal's top-level post is sent, on its way, or possibly posted."""
    query = select(OutboxRow.channel).where(
        OutboxRow.deal_key == deal_key,
        OutboxRow.kind == MessageKind.NEW_DEAL.value,
        OutboxRow.state.in_(MAYBE_POSTED),
    )
    return set(session.scalars(query))


def top_level_posts_since(session: Session, channel: str, since: datetime) -> int:
    """Top-level deal posts planned for a channel since `since` (held-back ones excluded)."""
    query = select(func.count()).select_from(OutboxRow).where(
        OutboxRow.channel == channel,
        OutboxRow.kind == MessageKind.NEW_DEAL.value,
        OutboxRow.created_at >= since,
        OutboxRow.state != SKIPPED,
    )
    return int(session.scalar(query) or 0)


def due(session: Session, now: datetime, limit: int = 100,
        channel: str | None = None) -> list[OutboxMessage]:
    """Pending messages whose time has come (in one channel, if given), in planning order."""
    query = (
        select(OutboxRow)
        .where(OutboxRow.state == PENDING, OutboxRow.not_before <= now)
        .order_by(OutboxRow.id)
        .limit(limit)
    )
    if channel is not None:
        query = query.where(OutboxRow.channel == channel)
    return [_message(row) for row in session.scalars(query)]


def _message(row: OutboxRow) -> OutboxMessage:
    return OutboxMessage(
        id=row.id, idem_key=row.idem_key, kind=row.kind, channel=row.channel,
        deal_key=row.deal_key, story_id=row.story_id, payload=dict(row.payload),
        attempts=row.attempts, created_at=row.created_at, uncertain=row.uncertain,
        last_claimed_at=row.claimed_at, uncertain_since=row.uncertain_since)


def due_channels(session: Session, now: datetime) -> list[str]:
    """Channels with due messages, the one waiting longest first, so a busy channel cannot
    starve the others."""
    query = (
        select(OutboxRow.channel)
        .where(OutboxRow.state == PENDING, OutboxRow.not_before <= now)
        .group_by(OutboxRow.channel)
        .order_by(func.min(OutboxRow.id))
    )
    return list(session.scalars(query))


def next_due_at(session: Session, after: datetime | None = None) -> datetime | None:
    """When the earliest pending message (due after `after`, if given) becomes due; None when
    there is none."""
    query = select(func.min(OutboxRow.not_before)).where(OutboxRow.state == PENDING)
    if after is not None:
        query = query.where(OutboxRow.not_before > after)
    return session.scalar(query)


def earlier_open(session: Session, row: OutboxMessage) -> bool:
    """Whether an earlier message of the same deal and channel is still unsent: order matters
    in a thread (the post before its replies, an old edit before a newer one)."""
    if row.deal_key is None:
        return False
    query = select(OutboxRow.id).where(
        OutboxRow.deal_key == row.deal_key, OutboxRow.channel == row.channel,
        OutboxRow.id < row.id, OutboxRow.state.in_(OPEN),
    ).limit(1)
    return session.scalar(query) is not None


def claim(session: Session, row_id: int, now: datetime | None = None) -> bool:
    """Move a pending row to `sending` (claimed at `now`, default the wall clock); False if
    another worker got it first."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id, OutboxRow.state == PENDING)
        .values(state=SENDING, attempts=OutboxRow.attempts + 1,
                claimed_at=now or datetime.now(UTC))
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def requeue_stale(session: Session, claimed_before: datetime, now: datetime) -> int:
    """Rows left in `sending` (a crash mid-send) go back to pending as uncertain sends."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == SENDING,
               or_(OutboxRow.claimed_at.is_(None), OutboxRow.claimed_at < claimed_before))
        .values(state=PENDING, uncertain=True, not_before=now,
                uncertain_since=coalesce(OutboxRow.uncertain_since, OutboxRow.claimed_at),
                error="interrupted while sending; will check Slack before resending")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def mark_sent(session: Session, row_id: int, ts: str, now: datetime) -> None:
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id)
        .values(state=SENT, ts=ts, sent_at=now, error=None, uncertain=False,
                uncertain_since=None)
    )


def retry_later(session: Session, row_id: int, not_before: datetime, error: str,
                *, uncertain: bool = False) -> None:
    """Back to pending until `not_before`; `uncertain` once an attempt may have reached Slack."""
    values: dict[str, Any] = {"state": PENDING, "not_before": not_before, "error": error}
    if uncertain:
        values["uncertain"] = True
        values["uncertain_since"] = coalesce(OutboxRow.uncertain_since, OutboxRow.claimed_at)
    session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(**values))


def unclaim(session: Session, row_id: int) -> None:
    """Give a claimed row back untouched (its attempt did not count): pending, due now."""
    session.execute(update(OutboxRow).where(OutboxRow.id == row_id, OutboxRow.state == SENDING)
                    .values(state=PENDING, attempts=OutboxRow.attempts - 1))


def postpone(session: Session, row_id: int, not_before: datetime) -> None:
    """Not yet, for a reason outside the message (a read backing off): no attempt counted."""
    session.execute(update(OutboxRow).where(OutboxRow.id == row_id)
                    .values(state=PENDING, not_before=not_before))


def withdraw(session: Session, row_id: int, reason: str) -> bool:
    """A message no attempt has reached Slack with (pending, not uncertain) is no longer
    wanted: `withdrawn` with the reason. False when an attempt may have posted it meanwhile."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id, OutboxRow.state == PENDING,
               OutboxRow.uncertain.is_(False))
        .values(state=WITHDRAWN, error=reason)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_unverified(session: Session, row_id: int, error: str) -> None:
    """An attempt may have posted it and Slack would not let us look: never sent again."""
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id).values(state=UNVERIFIED, error=error)
    )


def mark_failed(session: Session, row_id: int, error: str) -> None:
    """A permanent failure: kept with its reason for operators, not retried unless asked."""
    session.execute(
        update(OutboxRow).where(OutboxRow.id == row_id).values(state=FAILED, error=error)
    )


def thread_of(session: Session, deal_key: str, channel: str) -> DealThread | None:
    row = session.get(DealThreadRow, (deal_key, channel))
    if row is None:
        return None
    return DealThread(row.deal_key, row.channel, row.ts, row.status_shown, row.story_id)


def root_was_posted(session: Session, deal_key: str, channel: str) -> bool:
    """Whether the deal's top-level post here was sent (so a missing thread means someone
    deleted it in Slack, and the thread was forgotten)."""
    query = select(OutboxRow.id).where(
        OutboxRow.deal_key == deal_key, OutboxRow.channel == channel,
        OutboxRow.kind == MessageKind.NEW_DEAL.value, OutboxRow.state == SENT).limit(1)
    return session.scalar(query) is not None


def forget_thread(session: Session, deal_key: str, channel: str) -> None:
    """The deal's post was deleted in Slack: the next message of the deal starts a new root."""
    row = session.get(DealThreadRow, (deal_key, channel))
    if row is not None:
        session.delete(row)


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


def root_error(session: Session, deal_key: str, channel: str) -> str:
    """Why the deal's top-level post in a channel is missing (for its replies' records)."""
    query = (select(OutboxRow.error).where(
        OutboxRow.deal_key == deal_key, OutboxRow.channel == channel,
        OutboxRow.kind == MessageKind.NEW_DEAL.value).order_by(OutboxRow.id.desc()).limit(1))
    return session.scalar(query) or "no post for this deal in the channel"


def oldest_pending(session: Session) -> datetime | None:
    """When the longest-waiting unsent message was planned: the delivery lag."""
    return session.scalar(select(func.min(OutboxRow.created_at))
                          .where(OutboxRow.state.in_(OPEN)))


def uncertain_count(session: Session) -> int:
    """Pending messages that an earlier attempt may have posted (checked before resending)."""
    query = select(func.count()).select_from(OutboxRow).where(
        OutboxRow.state == PENDING, OutboxRow.uncertain.is_(True))
    return int(session.scalar(query) or 0)


def counts_by_state(session: Session) -> dict[str, int]:
    query = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
    return {state: int(n) for state, n in session.execute(query)}


def failures(session: Session, limit: int = 20,
             states: tuple[str, ...] = (FAILED,)) -> list[OutboxRow]:
    query = (select(OutboxRow).where(OutboxRow.state.in_(states))
             .order_by(OutboxRow.id.desc()).limit(limit))
    return list(session.scalars(query))


def retry_failed(session: Session, now: datetime, since: timedelta) -> int:
    """Operator action: failed rows from the last `since` go back to pending (after a fix)."""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == FAILED, OutboxRow.created_at >= now - since)
        .values(state=PENDING, not_before=now, attempts=0)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
