"""Fetched bytes to Stories with feedparser, after our DTD check.

feedparser gets the bytes wrapped in a file object, never a string it could take for a path or
URL. Bozo rules follow reader: a feed with a parse problem that still yields entries is used
(and logged); one without entries, or that is not a feed at all (HTML, JSON, empty), is an error.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import feedparser

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.feeds.entries import to_stories
from briefings.feeds.xmlguard import check_dtd, drop_bad_char_refs
from briefings.models import Story

log = logging.getLogger(__name__)
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400,
            "yearly": 365 * 86400}


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed document: its stories, how many entries it listed, and its own polling hint."""

    stories: list[Story]
    entries: int
    ttl_seconds: float | None = None


def parse_document(body: bytes, feed: FeedConfig, now: datetime, *, url: str = "",
                   content_type: str = "") -> ParsedFeed:
    """Parse one fetched document; raise FeedError when it is not a usable feed."""
    url = url or feed.url
    if not body.strip():
        raise FeedError(url, "empty response body")
    check_dtd(body, url)
    body = drop_bad_char_refs(body)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)  # we keep text only: no need
    _check_usable(parsed, url, feed.name)
    return ParsedFeed(to_stories(parsed.entries, feed, now), len(parsed.entries),
                      _ttl_seconds(parsed.feed))


def parse_feed(body: bytes, feed: FeedConfig, now: datetime) -> list[Story]:
    """The stories of one document fetched from the feed's configured URL."""
    return parse_document(body, feed, now).stories


def _check_usable(parsed: Any, url: str, name: str) -> None:
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if isinstance(problem, _HARMLESS):
        problem = None
    if parsed.entries:
        if problem is not None:
            log.info("feed %s has a parse problem but yields entries: %s", name, problem)
        return
    if problem is not None:
        raise FeedError(url, f"not a feed: {type(problem).__name__}: {str(problem)[:200]}")
    if not parsed.get("version"):
        raise FeedError(url, "not a feed: no RSS or Atom root element")


def _ttl_seconds(channel: Any) -> float | None:
    """The feed's own hint: RSS `<ttl>` minutes, else `sy:updatePeriod`/`sy:updateFrequency`."""
    ttl = str(channel.get("ttl") or "").strip()
    if ttl.isdigit():
        return int(ttl) * 60.0
    period = _PERIODS.get(str(channel.get("sy_updateperiod") or "").strip().lower())
    if period is None:
        return None
    frequency = str(channel.get("sy_updatefrequency") or "1").strip()
    return period / max(1, int(frequency)) if frequency.isdigit() else float(period)
