"""The weekly digest's content. Placeholder depth for the walking skeleton; see issue #7."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.models import Deal
from briefings.store.convert import deal_from_row
from briefings.store.tables import DealRow


@dataclass(frozen=True, slots=True)
class DigestContent:
    """The deals active in a window, newest first."""

    start: datetime
    end: datetime
    deals: tuple[Deal, ...]


def build_digest(session: Session, start: datetime, end: datetime) -> DigestContent:
    """Deals with activity in [start, end)."""
    query = (select(DealRow)
             .where(DealRow.last_activity_at >= start, DealRow.last_activity_at < end)
             .order_by(DealRow.last_activity_at.desc()))
    return DigestContent(start, end, tuple(deal_from_row(r) for r in session.scalars(query)))
