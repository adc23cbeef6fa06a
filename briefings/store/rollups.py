"""Planning the flood caps' roll-ups: one outbox message per channel listing the held-back posts
no roll-up has listed yet, each post marked with the roll-up that lists it in the same transaction.

The mark, not the cycle's clock, is what makes a roll-up happen once: a poll rerun over the same
stories holds nothing new back, a crash before the roll-up was planned leaves its posts unmarked
for the next cycle's roll-up, and two polls rolling up at once meet on the roll-up's key (or on
rows the other marked first) and the loser tries again, finding nothing or only what is left.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from briefings.briefing import Briefing, MessageKind
from briefings.errors import WriteConflict
from briefings.planning import FLOOD_CAP
from briefings.rollup import rollup_of
from briefings.store.outbox import SKIPPED, enqueue_payload
from briefings.store.tables import OutboxRow

log = logging.getLogger(__name__)
CHUNK = 500  # ids per IN (...) list, well under SQLite's and PostgreSQL's parameter limits


HELD_BACK = (OutboxRow.kind == MessageKind.NEW_DEAL.value, OutboxRow.state == SKIPPED,
             OutboxRow.error.like(f"{FLOOD_CAP}%"))


def plan_rollups(session: Session, now: datetime) -> int:
    """Queue a roll-up for each channel with held-back posts not listed yet; how many."""
    query = select(OutboxRow).where(*HELD_BACK, OutboxRow.rolled_up_in.is_(None)
                                    ).order_by(OutboxRow.id)
    by_channel: dict[str, list[OutboxRow]] = defaultdict(list)
    for row in session.scalars(query):
        by_channel[row.channel].append(row)
    for channel, rows in by_channel.items():
        _plan_one(session, channel, rows, now)
    return len(by_channel)


def _plan_one(session: Session, channel: str, rows: Sequence[OutboxRow], now: datetime) -> None:
    """One roll-up for `rows`, keyed by the first of them, and the rows marked as listed. Never
    capped: it is the one top-level message a flood adds to a channel."""
    key = f"{MessageKind.ROLLUP.value}|{channel}|{rows[0].id}"
    rollup = rollup_of(Briefing.from_json(row.payload) for row in rows)
    enqueue_payload(session, key, MessageKind.ROLLUP, channel, rollup.to_json(), now)
    ids = [row.id for row in rows]
    marked = 0
    for start in range(0, len(ids), CHUNK):
        result = session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(ids[start:start + CHUNK]), OutboxRow.rolled_up_in.is_(None))
            .values(rolled_up_in=key))
        marked += int(result.rowcount)  # type: ignore[attr-defined]
    if marked != len(ids):
        raise WriteConflict(f"another poll listed some of {channel}'s held-back posts first")
    log.info("roll-up %s lists %d held-back post(s) of %d deal(s)", key, len(ids), rollup.total)


def held_back_deals(session: Session, since: datetime, until: datetime
                    ) -> dict[str, frozenset[str]]:
    """channel -> the deals whose new-deal post a flood cap held back there in [since, until)."""
    query = select(OutboxRow.channel, OutboxRow.deal_key).where(
        *HELD_BACK, OutboxRow.created_at >= since, OutboxRow.created_at < until).distinct()
    found: dict[str, set[str]] = defaultdict(set)
    for channel, deal_key in session.execute(query):
        found[channel].add(str(deal_key))
    return {channel: frozenset(keys) for channel, keys in found.items()}
