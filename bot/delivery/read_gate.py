"""Reads of history are rate limited per workspace, not per channel: a 429 on a lookup closes the
gate for every lookup until its Retry-After, and never holds any channel's posts."""

from __future__ import annotations

from datetime import datetime


class ReadGate:
    """When the next `conversations.history` / `.replies` lookup may be made."""

    def __init__(self) -> None:
        self._until: datetime | None = None

    def open(self, now: datetime) -> bool:
        return self._until is None or self._until <= now

    def close_until(self, until: datetime) -> None:
        self._until = max(self._until or until, until)

    @property
    def until(self) -> datetime | None:
        return self._until
