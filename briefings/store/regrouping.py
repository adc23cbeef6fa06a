"""Moving stories, status history, follows, threads and planned messages from one deal to
another: the store side of a person's merge or split (`briefings.regroup` decides what moves;
these functions move rows in the caller's transaction).

Sent messages stay where they were posted. A deal's post in a channel is its root there: where
both deals of a merge have one, the target's stays and the source's pending messages are
re-pointed into the target's thread; where only the source has one, the target adopts it (its
thread and every outbox row there are re-keyed, so later news replies under it). Idempotency
keys are never rewritten: they stay unique because each names the deal it was planned for.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from briefings.briefing import MessageKind
from briefings.models import Story
from briefings.regrouping import Told
from briefings.store import outbox
from briefings.store.stories import verdict_from_json
from briefings.store.tables import (
    DealStatusRow,
    DealThreadRow,
    FollowRow,
    OutboxRow,
    StoryRow,
)


@dataclass(frozen=True, slots=True)
class MergedThreads:
    """Where the merged deal has its post after a merge: the target's own (`kept`) or the
    source's (`adopted`); and the source's posts to point at it, as (channel, ts)."""

    kept: frozenset[str]
    adopted: frozenset[str]
    pointers: tuple[tuple[str, str], ...]


def deal_stories(session: Session, key: str) -> list[Told]:
    """The deal's stored stories with their verdicts, in the order the pipeline folded them."""
    query = (select(StoryRow).where(StoryRow.deal_key == key)
             .order_by(StoryRow.published_at, StoryRow.id))
    return [(_story(row), verdict_from_json(row.verdict)) for row in session.scalars(query)]


def _story(row: StoryRow) -> Story:
    return Story(id=row.id, feed=row.feed, outlet=row.outlet, title=row.title, text=row.text,
                 link=row.link, published=row.published_at, first_seen=row.first_seen_at,
                 canonical_link=row.canonical_link or "")


def move_stories(session: Session, source: str, target: str) -> None:
    """Every story of `source` now belongs to `target`."""
    session.execute(update(StoryRow).where(StoryRow.deal_key == source)
                    .values(deal_key=target))


def move_story(session: Session, story_id: str, target: str) -> None:
    session.execute(update(StoryRow).where(StoryRow.id == story_id).values(deal_key=target))


def move_history(session: Session, source: str, target: str) -> None:
    """`source`'s status history joins `target`'s (entries keep their order by id)."""
    session.execute(update(DealStatusRow).where(DealStatusRow.deal_key == source)
                    .values(deal_key=target))


def move_follows(session: Session, source: str, target: str) -> None:
    """Whoever followed `source` follows `target` (once, if they followed both)."""
    followers = set(session.scalars(select(FollowRow.user_id).where(
        FollowRow.target_kind == "deal", FollowRow.target == target)))
    of_source = (FollowRow.target_kind == "deal", FollowRow.target == source)
    if followers:
        session.execute(delete(FollowRow).where(*of_source, FollowRow.user_id.in_(followers)))
    session.execute(update(FollowRow).where(*of_source).values(target=target))


def in_flight(session: Session, keys: Collection[str]) -> bool:
    """Whether a message of these deals is being sent right now (claimed, not yet marked)."""
    query = select(OutboxRow.id).where(OutboxRow.deal_key.in_(keys),
                                       OutboxRow.state == outbox.SENDING).limit(1)
    return session.scalar(query) is not None


def roots(session: Session, key: str) -> set[str]:
    """Channels where the deal has its post: recorded, or planned and maybe posted."""
    recorded = session.scalars(select(DealThreadRow.channel)
                               .where(DealThreadRow.deal_key == key))
    return outbox.threaded_channels(session, key) | set(recorded)


def merge_threads(session: Session, source: str, target: str, why: str) -> MergedThreads:
    """Channel by channel, keep one post for the merged deal (see the module's doc). `why` is
    recorded on the source's pending root edits, which the merge's own edits replace."""
    kept = roots(session, target)
    adopted, pointers = set(), []
    for channel in sorted(roots(session, source)):
        adopt = channel not in kept
        _move_rows(session, source, target, channel, adopt=adopt, why=why)
        thread = session.get(DealThreadRow, (source, channel))
        if adopt:
            if thread is not None:
                thread.deal_key = target  # a primary key change: flushed as an UPDATE
            adopted.add(channel)
        elif thread is not None:
            pointers.append((channel, thread.ts))
    return MergedThreads(frozenset(kept), frozenset(adopted), tuple(pointers))


def _move_rows(session: Session, source: str, target: str, channel: str, *, adopt: bool,
               why: str) -> None:
    """Re-key the source's rows in a channel: all of them when the target adopts its post
    there, else only the pending ones (a pending root becomes a reply in the target's thread)."""
    query = select(OutboxRow).where(OutboxRow.deal_key == source, OutboxRow.channel == channel)
    if not adopt:
        query = query.where(OutboxRow.state == outbox.PENDING)
    for row in session.scalars(query.order_by(OutboxRow.id)):
        pending = row.state == outbox.PENDING
        if pending and row.kind == MessageKind.EDIT_ROOT.value:
            row.state, row.error = outbox.SKIPPED, why
            continue
        if pending and not adopt and row.kind == MessageKind.NEW_DEAL.value:
            row.kind = MessageKind.REPORT.value
            row.payload = {**row.payload, "kind": MessageKind.REPORT.value}
        if pending:
            row.payload = _rekeyed(row.payload, target)
        row.deal_key = target


def _rekeyed(payload: dict[str, Any], target: str) -> dict[str, Any]:
    return {**payload, "deal_key": target} if "deal_key" in payload else dict(payload)


def drop_story_replies(session: Session, key: str, story_id: str, why: str) -> None:
    """A story split out of `key`: its unsent replies and edits in the old thread are skipped
    (its own new post says it all)."""
    kinds = (MessageKind.REPORT.value, MessageKind.STATUS_CHANGE.value,
             MessageKind.EDIT_ROOT.value)
    session.execute(update(OutboxRow).where(
        OutboxRow.deal_key == key, OutboxRow.story_id == story_id,
        OutboxRow.state == outbox.PENDING, OutboxRow.kind.in_(kinds))
        .values(state=outbox.SKIPPED, error=why))
