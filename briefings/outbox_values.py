"""What the store hands the Slack side about planned messages and deal threads: plain values, so
no ORM row (and no lazy load behind a closed session) reaches delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One planned message as delivery sees it when it picks it up.

    `last_claimed_at` is when the previous attempt was claimed and `uncertain_since` when the
    first attempt that may have reached Slack was: an `uncertain` message's lookup searches
    between the two."""

    id: int
    idem_key: str
    kind: str
    channel: str
    deal_key: str | None
    story_id: str | None
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    uncertain: bool
    last_claimed_at: datetime | None
    uncertain_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class DealThread:
    """Where a deal's top-level post is in one channel, and which status it shows."""

    deal_key: str
    channel: str
    ts: str
    status_shown: str
    story_id: str
