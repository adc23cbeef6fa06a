"""The orchestrator: each new story is judged, folded into its deal and its messages planned,
all in one transaction, so a crash never leaves a story recorded without its posts or vice versa.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from briefings.config import Config
from briefings.deals import apply_story
from briefings.models import Story, Verdict
from briefings.planning import plan_messages
from briefings.store import deals as deal_store
from briefings.store import outbox, stories
from briefings.store.database import transaction
from briefings.triage import Triage
from briefings.triage.grouping import assign_deal_key

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one batch of stories did."""

    seen: int = 0
    new: int = 0
    relevant: int = 0
    planned: int = 0
    deals_touched: set[str] = field(default_factory=set)

    def add(self, other: IngestReport) -> None:
        self.seen += other.seen
        self.new += other.new
        self.relevant += other.relevant
        self.planned += other.planned
        self.deals_touched |= other.deals_touched


class Pipeline:
    """Story -> Verdict -> Deal -> planned messages, against one database."""

    def __init__(self, sessions: sessionmaker[Session], config: Config, triage: Triage) -> None:
        self._sessions = sessions
        self._config = config
        self._triage = triage

    def ingest(self, batch: Iterable[Story], now: datetime,
               first_fetch_feeds: Collection[str] = ()) -> IngestReport:
        """Record each story not seen before, oldest first, so a rumour precedes its confirmation
        whatever feed each came from. A new feed's backlog is recorded but not announced."""
        report = IngestReport()
        cutoff = now - timedelta(hours=self._config.briefings.look_back_hours)
        for story in sorted(batch, key=lambda s: (s.published, s.id)):
            report.seen += 1
            announce = story.feed not in first_fetch_feeds or story.published >= cutoff
            with transaction(self._sessions) as session:
                report.add(self._ingest_one(session, story, now, announce=announce))
        return report

    def _ingest_one(self, session: Session, story: Story, now: datetime, *, announce: bool
                    ) -> IngestReport:
        report = IngestReport(new=1)
        if stories.is_known(session, story):
            return IngestReport()
        verdict = self._triage.judge(story)
        if verdict.relevant:
            verdict = self._fold_into_deal(session, story, verdict, now, announce, report)
        stories.add_story(session, story, verdict, announce=announce)
        return report

    def _fold_into_deal(self, session: Session, story: Story, verdict: Verdict, now: datetime,
                        announce: bool, report: IngestReport) -> Verdict:
        key = assign_deal_key(verdict, story, deal_store.candidates(session, verdict.parties))
        verdict = replace(verdict, deal_key=key)
        update = apply_story(deal_store.get_deal(session, key), story, verdict)
        deal_store.save_deal(session, update.deal)
        if update.change is not None:
            deal_store.add_status_change(session, key, update.change)
        report.relevant += 1
        report.deals_touched.add(key)
        if announce:
            threaded = outbox.threaded_channels(session, key)
            for message in plan_messages(update, story, verdict, self._config.briefings.channels,
                                         threaded):
                report.planned += outbox.enqueue(session, message, now)
        return verdict
