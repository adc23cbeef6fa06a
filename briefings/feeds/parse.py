"""Turning fetched bytes into Stories with feedparser. Placeholder depth; see #3."""

from __future__ import annotations

import hashlib
import html
import io
import re
from calendar import timegm
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.models import Story

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
TEXT_CAP = 4000
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref")


def parse_feed(body: bytes, feed: FeedConfig, now: datetime) -> list[Story]:
    """Parse a feed document; a document with no entries and a parse error is a FeedError."""
    parsed = feedparser.parse(io.BytesIO(body))
    if parsed.bozo and not parsed.entries:
        raise FeedError(feed.url, f"not a feed: {parsed.get('bozo_exception')}")
    return [_story(entry, feed, now) for entry in parsed.entries]


def _story(entry: Any, feed: FeedConfig, now: datetime) -> Story:
    title = clean_text(entry.get("title", ""))
    link = entry.get("link", "")
    published = _published(entry, now)
    ident = entry.get("id") or link or hashlib.sha256(f"{feed.name}|{title}".encode()).hexdigest()
    return Story(
        id=hashlib.sha256(ident.encode()).hexdigest()[:32],
        feed=feed.name,
        outlet=feed.name,
        title=title,
        text=clean_text(entry.get("summary", ""))[:TEXT_CAP],
        link=link,
        published=published,
        first_seen=now,
        official_for=feed.official_for,
        canonical_link=canonical_link(link),
    )


def canonical_link(link: str) -> str:
    """The link without tracking parameters or fragment, so two feeds' copies compare equal."""
    parts = urlsplit(link.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, parts.path, urlencode(query), ""))


def _published(entry: Any, now: datetime) -> datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return now
    when = datetime.fromtimestamp(timegm(parsed), UTC)
    return min(when, now)


def clean_text(raw: str) -> str:
    """HTML to plain text: tags dropped, entities decoded, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", raw))).strip()
