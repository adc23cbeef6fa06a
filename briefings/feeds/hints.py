"""What a server says about when to come back: `Retry-After`, `Cache-Control`, `Expires`.

Date forms are made relative to the server's own `Date` header (reader's rule), so a server with
a wrong clock still gets the delay it meant. Garbage gives None: the normal schedule applies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime

_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*\"?(\d+)", re.I)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None


def _delay_until(value: str | None, headers: Mapping[str, str], now: datetime) -> float | None:
    when = _http_date(value)
    if when is None:
        return None
    base = _http_date(headers.get("date")) or now
    return max(0.0, (when - base).total_seconds())


def retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds the server asked us to wait, from delta-seconds or an HTTP-date; None if unusable."""
    value = (headers.get("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    return _delay_until(value, headers, now)


def cache_seconds(headers: Mapping[str, str], now: datetime) -> float | None:
    """Freshness lifetime from `Cache-Control: max-age` (ignored with no-cache/no-store) or
    `Expires`; None when the server gives no usable hint."""
    control = headers.get("cache-control") or ""
    if re.search(r"no-cache|no-store", control, re.I):
        return None
    match = _MAX_AGE.search(control)
    if match:
        return float(match.group(1))
    return _delay_until(headers.get("expires"), headers, now)
