"""Bare feed items (JSON with title, description, link, source, published) as Stories."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from briefings.models import Story
from briefings.triage.matcher import Matcher
from briefings.triage.sources import official_for
from briefings.triage.text import clean


def item_story(item: Mapping[str, Any], matcher: Matcher, now: datetime) -> Story:
    """A Story from one item; a missing or unreadable `published` becomes `now`."""
    source = str(item.get("source") or "")
    link = str(item.get("link") or "")
    title = clean(str(item.get("title") or ""))
    ident = link or f"{source}|{title}"
    return Story(
        id=hashlib.sha256(ident.encode()).hexdigest()[:32],
        feed=source,
        outlet=source,
        title=title,
        text=clean(str(item.get("description") or "")),
        link=link,
        published=_when(item.get("published"), now),
        first_seen=now,
        official_for=official_for(source, matcher),
    )


def _when(raw: object, now: datetime) -> datetime:
    try:
        when = datetime.fromisoformat(str(raw))
    except ValueError:
        return now
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
