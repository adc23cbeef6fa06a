"""Seeding deals, their history and stories through the store functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from briefings.deals import apply_story
from briefings.models import Deal, Status, StatusChange, Story, Verdict
from briefings.store import deals as deal_store
from briefings.store import stories as story_store


@dataclass(frozen=True)
class Report:
    """A story about a deal: who published it, when, and the status it reported."""

    outlet: str
    at: datetime
    status: Status = Status.UNCONFIRMED
    score: float = 1.0


def seed_deal(session: Session, key: str, reports: Sequence[Report],
              parties: tuple[str, ...] = ("OpenAI", "AMD"), subject: str = "MI450") -> Deal:
    """A deal built from its reports in order; status changes follow the real transition table."""
    deal = None
    for index, report in enumerate(sorted(reports, key=lambda r: r.at)):
        story = _story(key, index, report)
        verdict = Verdict(relevant=True, score=report.score, parties=parties, subject=subject,
                          status=report.status, deal_key=key, evidence=("said",))
        update = apply_story(deal, story, verdict)
        deal = update.deal
        deal_store.save_deal(session, deal)
        if update.change is not None:
            deal_store.add_status_change(session, key, update.change)
        story_store.add_stories(session, [story_store.NewStory(story, verdict, announce=True)])
    assert deal is not None
    return deal


def _story(key: str, index: int, report: Report) -> Story:
    slug = f"{key}-{index}"
    return Story(id=slug, feed=report.outlet, outlet=report.outlet, title=f"Story {slug}",
                 text="", link=f"https://news.example/{slug}", published=report.at,
                 first_seen=report.at)


def change(status: Status, at: datetime) -> StatusChange:
    return StatusChange(status, at, "s", "Outlet", "https://news.example/s")
