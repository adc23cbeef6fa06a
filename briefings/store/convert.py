"""Row <-> model conversion, kept in one place so the tables and the models can differ."""

from __future__ import annotations

from briefings.models import ChangeKind, Deal, DealKind, Person, Status, StatusChange
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
        set_by=_person(row.set_by_id, row.set_by_name),
        hidden=row.hidden,
        merged_into=row.merged_into,
    )


def change_from_row(row: DealStatusRow) -> StatusChange:
    return StatusChange(
        status=Status(row.status),
        at=row.at,
        story_id=row.story_id,
        outlet=row.outlet,
        link=row.link,
        evidence=tuple(row.evidence),
        kind=ChangeKind(row.kind),
        by=_person(row.by_id, row.by_name),
        reason=row.reason,
        other_deal=row.other_deal,
    )


def _person(user_id: str | None, name: str | None) -> Person | None:
    return Person(user_id, name or user_id) if user_id else None


def search_text(deal: Deal) -> str:
    """The text `/deal-status` matches against: parties, chips and subject, '|'-delimited."""
    words = [*deal.parties, *deal.chips, deal.subject]
    return "|" + "|".join(w.lower() for w in words if w) + "|"
