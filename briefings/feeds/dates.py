"""Entry dates in UTC. A missing or future date falls back to the time we first saw the entry,
so a mis-dated item can neither jump the queue nor dodge the look-back cutoff."""

from __future__ import annotations

import time
from calendar import timegm
from datetime import UTC, datetime
from typing import Any

_FIELDS = ("published_parsed", "updated_parsed", "created_parsed")


def entry_time(entry: Any, first_seen: datetime) -> datetime:
    """The entry's publication time in UTC, clamped to `first_seen`."""
    for field in _FIELDS:
        parsed = dict.get(entry, field)  # not entry.get: feedparser aliases the fields
        if isinstance(parsed, time.struct_time):
            try:
                when = datetime.fromtimestamp(timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            return min(when, first_seen)
    return first_seen
