"""Retention: old stories are pruned; deals, their status history and evidence are kept.

A deal's history rows carry the outlet, link and evidence of each status change, so a pruned
story still explains its deal's status.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from briefings.store.tables import StoryRow


def prune_stories(session: Session, older_than: datetime) -> int:
    """Delete stories published and first seen before `older_than`; returns how many."""
    result = session.execute(
        delete(StoryRow).where(StoryRow.published_at < older_than,
                               StoryRow.first_seen_at < older_than)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
