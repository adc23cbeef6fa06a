"""Stories, stored once: by stable id, and by canonical link across feeds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from briefings.models import DealKind, Status, Story, Use, Verdict
from briefings.store.tables import StoryRow

_CHUNK = 400
_STORIES = cast(Table, StoryRow.__table__)
_INSERT = insert(_STORIES)  # prebuilt: building it per call cost more than running it


@dataclass(frozen=True, slots=True)
class NewStory:
    """A story to record, its verdict, and whether its briefings may be posted."""

    story: Story
    verdict: Verdict
    announce: bool


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


class Unseen:
    """Tells which stories of a batch are new, in the order they are offered: not stored (one
    query for the batch, in the caller's transaction) and not offered before (same id or same
    canonical link), so a story met twice in one batch is recorded once."""

    def __init__(self, session: Session, batch: Sequence[Story]) -> None:
        self._ids = known_ids(session, batch)
        self._links: set[str] = set()

    def claim(self, story: Story) -> bool:
        """True the first time a story not stored before is offered."""
        if story.id in self._ids or story.canonical_link in self._links:
            return False
        self._ids.add(story.id)
        if story.canonical_link:
            self._links.add(story.canonical_link)
        return True


def add_stories(session: Session, new: Sequence[NewStory]) -> None:
    """Record stories with their verdicts in one statement. The caller makes sure they are new
    (`Unseen`) in the same transaction; a story stored meanwhile stops it on a unique key."""
    if not new:
        return
    session.flush()  # the stories' deals may still be pending in the session
    session.execute(_INSERT, [_row(n) for n in new])


def _row(new: NewStory) -> dict[str, Any]:
    story, verdict = new.story, new.verdict
    return {
        "id": story.id, "feed": story.feed, "outlet": story.outlet, "title": story.title,
        "text": story.text, "link": story.link, "canonical_link": story.canonical_link or None,
        "published_at": story.published, "first_seen_at": story.first_seen,
        "announce": new.announce, "relevant": verdict.relevant,
        "status": verdict.status.value if verdict.status else None, "score": verdict.score,
        "deal_key": verdict.deal_key, "verdict": verdict_json(verdict)}


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """A verdict as plain JSON (enums as their values)."""
    data: dict[str, Any] = asdict(verdict)
    data["use"] = verdict.use.value
    data["kind"] = verdict.kind.value
    data["status"] = verdict.status.value if verdict.status else None
    return data


def story_ids_of_deal(session: Session, deal_key: str) -> list[str]:
    """The ids of the stories grouped into a deal (a person's correction names one of them)."""
    return list(session.scalars(select(StoryRow.id).where(StoryRow.deal_key == deal_key)))


_VERDICT_FIELDS = frozenset(f.name for f in fields(Verdict))
_TUPLES = ("parties", "chips", "evidence", "reasons")


def verdict_from_json(data: dict[str, Any]) -> Verdict:
    """The verdict `verdict_json` stored; fields a newer verdict added keep their defaults."""
    values = {k: v for k, v in data.items() if k in _VERDICT_FIELDS}
    values.update({k: tuple(values[k]) for k in _TUPLES if k in values})
    values["use"] = Use(values.get("use") or Use.UNKNOWN)
    values["kind"] = DealKind(values.get("kind") or DealKind.CAPACITY)
    values["status"] = Status(values["status"]) if values.get("status") else None
    return Verdict(**values)
