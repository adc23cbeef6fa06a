"""Reading `Retry-After` without trusting it: seconds, fractions, HTTP dates and garbage.

slack_sdk's own handler does `int(value)` and raises `ValueError` on "1.5"; a worker must not die
because a proxy sent an odd header.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

DEFAULT_SECONDS = 5.0
MAX_SECONDS = 15 * 60.0


def header(headers: Mapping[str, object] | None, name: str = "retry-after") -> str | None:
    """A header's value, case-insensitively; lists (as slack_sdk stores some) give their first."""
    for key, value in (headers or {}).items():
        if key.lower() == name:
            first = value[0] if isinstance(value, list | tuple) and value else value
            return str(first)
    return None


def retry_after_seconds(value: str | None, now: datetime) -> float:
    """How long to wait, from 0 to MAX_SECONDS; DEFAULT_SECONDS when absent or unreadable."""
    if value is None or not value.strip():
        return DEFAULT_SECONDS
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        seconds = _from_date(text, now)
    if seconds != seconds:  # NaN
        return DEFAULT_SECONDS
    return min(max(seconds, 0.0), MAX_SECONDS)


def _from_date(text: str, now: datetime) -> float:
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return DEFAULT_SECONDS
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - now).total_seconds()
