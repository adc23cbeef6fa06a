"""feedparser entries to Stories: clean text, stable ids, UTC times, only http(s) links."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from briefings.config import FeedConfig
from briefings.feeds.dates import entry_time
from briefings.feeds.ids import canonical_link, story_id
from briefings.feeds.text import TITLE_CAP, clean_text, strip_unsafe
from briefings.models import Story

log = logging.getLogger(__name__)


def to_stories(entries: Iterable[Any], feed: FeedConfig, now: datetime) -> list[Story]:
    """One Story per distinct entry. A repeated GUID with a new link is told apart by its link
    (as Miniflux does); a repeat of both is the same item listed twice and is kept once."""
    stories: list[Story] = []
    seen: set[str] = set()
    for entry in entries:
        story = to_story(entry, feed, now)
        if story.id in seen:
            fallback = story_id(feed.name, "", story.canonical_link, story.title)
            if fallback in seen:
                log.info("feed %s lists an entry twice: %s", feed.name, story.title[:80])
                continue
            story = _with_id(story, fallback)
        seen.add(story.id)
        stories.append(story)
    return stories


def to_story(entry: Any, feed: FeedConfig, now: datetime) -> Story:
    """One feedparser entry as a Story."""
    link = strip_unsafe(str(entry.get("link") or "")).strip()
    canonical = canonical_link(link)
    text = clean_text(_body(entry))
    title = clean_text(str(entry.get("title") or ""), TITLE_CAP) or clean_text(text, 100)
    guid = strip_unsafe(str(entry.get("id") or ""))
    return Story(
        id=story_id(feed.name, guid, canonical, title),
        feed=feed.name,
        outlet=feed.name,
        title=title,
        text=text,
        link=link if canonical else "",
        published=entry_time(entry, now),
        first_seen=now,
        official_for=feed.official_for,
        canonical_link=canonical,
    )


def _body(entry: Any) -> str:
    summary = entry.get("summary")
    if summary:
        return str(summary)
    for content in entry.get("content") or ():
        if content.get("value"):
            return str(content["value"])
    return ""


def _with_id(story: Story, new_id: str) -> Story:
    return Story(new_id, story.feed, story.outlet, story.title, story.text, story.link,
                 story.published, story.first_seen, story.official_for, story.canonical_link)
