"""Stories, stored once: by stable id, and by canonical link across feeds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, union_all
from sqlalchemy.orm import Session

from briefings.models import Story, Verdict
from briefings.store.tables import StoryRow

_CHUNK = 400
# Prebuilt Core statements: every new story runs both, and building them per call cost 3x more.
_STORIES = cast(Table, StoryRow.__table__)
_KNOWN = union_all(
    select(_STORIES.c.id).where(_STORIES.c.id == bindparam("id")),
    select(_STORIES.c.id).where(_STORIES.c.canonical_link == bindparam("link")),
).limit(1)
_INSERT = insert(_STORIES)


def is_known(session: Session, story: Story) -> bool:
    """True when this story (same id, or same canonical link from another feed) is stored."""
    params = {"id": story.id, "link": story.canonical_link or None}
    return session.execute(_KNOWN, params).first() is not None


def known_ids(session: Session, batch: Sequence[Story]) -> set[str]:
    """The ids of the stories in `batch` already stored, by id or by canonical link."""
    known: set[str] = set()
    for start in range(0, len(batch), _CHUNK):
        chunk = batch[start:start + _CHUNK]
        ids = {s.id for s in chunk}
        links = {s.canonical_link for s in chunk if s.canonical_link}
        stored_ids = set(session.scalars(select(_STORIES.c.id).where(_STORIES.c.id.in_(ids))))
        stored_links = set(session.scalars(
            select(_STORIES.c.canonical_link).where(_STORIES.c.canonical_link.in_(links))))
        known |= {s.id for s in chunk if s.id in stored_ids or s.canonical_link in stored_links}
    return known


def add_story(session: Session, story: Story, verdict: Verdict, *, announce: bool) -> None:
    """Record a story with its verdict. Caller checks `is_known` first, in the same transaction."""
    session.flush()  # the story's deal may still be pending in the session
    session.execute(_INSERT, {
        "id": story.id, "feed": story.feed, "outlet": story.outlet, "title": story.title,
        "text": story.text, "link": story.link, "canonical_link": story.canonical_link or None,
        "published_at": story.published, "first_seen_at": story.first_seen,
        "announce": announce, "relevant": verdict.relevant,
        "status": verdict.status.value if verdict.status else None, "score": verdict.score,
        "deal_key": verdict.deal_key, "verdict": verdict_json(verdict)})


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """A verdict as plain JSON (enums as their values)."""
    data = asdict(verdict)
    data["use"] = verdict.use.value
    data["status"] = verdict.status.value if verdict.status else None
    return data


def stories_for_deal(session: Session, deal_key: str) -> list[StoryRow]:
    """A deal's stories, oldest first."""
    query = select(StoryRow).where(StoryRow.deal_key == deal_key).order_by(StoryRow.published_at)
    return list(session.scalars(query))
