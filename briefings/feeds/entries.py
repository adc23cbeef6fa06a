"""feedparser entries to Stories: clean text, stable ids, UTC times, only http(s) links."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from briefings.config import FeedConfig
from briefings.feeds.dates import entry_time
from briefings.feeds.ids import canonical_link, guid_id, link_id, title_id
from briefings.feeds.text import TITLE_CAP, clean_text, strip_unsafe
from briefings.models import Story

log = logging.getLogger(__name__)


def to_stories(entries: Iterable[Any], feed: FeedConfig, now: datetime) -> list[Story]:
    """One Story per distinct entry, with ids that survive reordering.

    Each entry's id is the first of its candidates (GUID, link, title) not taken by an earlier
    entry, so a repeated GUID is told apart by its link and a repeated link by its title. A link
    several entries share (a "news.html" for every item) identifies none of them and is
    neither used as an id nor kept as the canonical link. An entry whose every candidate is
    taken is the same item listed twice and is kept once (as reader keeps the first).
    """
    listed = list(entries)
    drafts = [to_story(entry, feed, now) for entry in listed]
    links = Counter(story.canonical_link for story in drafts if story.canonical_link)
    stories: list[Story] = []
    taken: set[str] = set()
    for entry, story in zip(listed, drafts, strict=True):
        shared = links[story.canonical_link] > 1
        candidates = _candidates(story, _dated_title(entry, story), feed.name, shared)
        chosen = next((c for c in candidates if c not in taken), None)
        if chosen is None:
            log.info("feed %s lists an entry twice: %s", feed.name, story.title[:80])
            continue
        taken.update(candidates)
        stories.append(replace(story, id=chosen, canonical_link="" if shared else
                               story.canonical_link))
    return stories


def _candidates(story: Story, dated_title: str, feed: str, shared_link: bool) -> list[str]:
    ids = [story.id] if story.id else []
    if story.canonical_link and not shared_link:
        ids.append(link_id(story.canonical_link))
    ids.append(title_id(feed, dated_title))
    return list(dict.fromkeys(ids))


def _dated_title(entry: Any, story: Story) -> str:
    """The title with the entry's own date text, so "Weekly report" repeats stay apart."""
    stamp = dict.get(entry, "published") or dict.get(entry, "updated") or ""
    return f"{story.title} {stamp}"


def to_story(entry: Any, feed: FeedConfig, now: datetime) -> Story:
    """One feedparser entry as a Story; `id` is its GUID-based id, or "" without a GUID."""
    link = strip_unsafe(str(entry.get("link") or "")).strip()
    canonical = canonical_link(link)
    text = clean_text(_body(entry))
    title = clean_text(str(entry.get("title") or ""), TITLE_CAP) or clean_text(text, 100)
    guid = strip_unsafe(str(entry.get("id") or "")).strip()
    return Story(
        id=guid_id(feed.name, guid) if guid else "",
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
