"""The corrected stories for `labels export`: every story of a deal a person corrected (at or after
a time), with the surviving deal it is labelled by."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.labels import StoryText, label_line, surviving_key
from briefings.models import ChangeKind, Deal
from briefings.store.deals import get_deal
from briefings.store.tables import DealRow, DealStatusRow, StoryRow

CHUNK = 500  # keys per IN (...) list, well under SQLite's and PostgreSQL's parameter limits


def corrected_keys(session: Session, since: datetime | None) -> set[str]:
    """Deals with a status-history entry a person made (at or after `since`)."""
    query = select(DealStatusRow.deal_key).where(
        DealStatusRow.kind != ChangeKind.STORY.value, DealStatusRow.by_id.is_not(None))
    if since is not None:
        query = query.where(DealStatusRow.at >= since)
    return set(session.scalars(query.distinct()))


def label_lines(session: Session, since: datetime | None) -> list[dict[str, Any]]:
    """One devset line per corrected story, oldest first. A story counts when its own deal or
    the deal that deal was merged into was corrected; it is labelled by the surviving deal."""
    corrected = corrected_keys(session, since)
    if not corrected:
        return []
    merged = {key: str(into) for key, into in session.execute(
        select(DealRow.key, DealRow.merged_into).where(DealRow.merged_into.is_not(None)))}
    wanted = corrected | {key for key in merged if surviving_key(key, merged) in corrected}
    deals: dict[str, Deal | None] = {}
    lines: list[tuple[StoryText, Deal]] = []
    for story, key in _stories(session, sorted(wanted)):
        survivor = surviving_key(key, merged)
        if survivor not in deals:
            deals[survivor] = get_deal(session, survivor, with_history=True)
        deal = deals[survivor]
        if deal is not None:
            lines.append((story, deal))
    lines.sort(key=lambda pair: (pair[0].published, pair[0].id))  # as the devset, and grouping
    return [label_line(story, deal) for story, deal in lines]


def _stories(session: Session, keys: list[str]) -> Iterator[tuple[StoryText, str]]:
    for start in range(0, len(keys), CHUNK):
        query = select(StoryRow).where(StoryRow.deal_key.in_(keys[start:start + CHUNK]))
        for row in session.scalars(query):
            yield (StoryText(row.id, row.outlet, row.link, row.published_at, row.title,
                             row.text), str(row.deal_key))
