"""Row <-> model conversion, kept in one place so the tables and the models can differ."""

from __future__ import annotations

from briefings.models import Deal, DealKind, Status, StatusChange
from briefings.store.tables import DealRow, DealStatusRow


def deal_from_row(row: DealRow, history: list[DealStatusRow] | None = None) -> Deal:
    return Deal(
        key=row.key,
        parties=tuple(row.parties),
        subject=row.subject,
        chips=tuple(row.chips),
        status=Status(row.status),
        status_since=row.status_since,
        first_seen=row.first_seen_at,
        last_activity=row.last_activity_at,
        summary=row.summary,
        evidence=tuple(row.evidence),
        history=tuple(change_from_row(h) for h in history or ()),
        kind=DealKind(row.kind),
    )


def change_from_row(row: DealStatusRow) -> StatusChange:
    return StatusChange(
        status=Status(row.status),
        at=row.at,
        story_id=row.story_id,
        outlet=row.outlet,
        link=row.link,
        evidence=tuple(row.evidence),
    )


def search_text(deal: Deal) -> str:
    """The text `/deal-status` matches against: parties, chips and subject, '|'-delimited."""
    words = [*deal.parties, *deal.chips, deal.subject]
    return "|" + "|".join(w.lower() for w in words if w) + "|"
