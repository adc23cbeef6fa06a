"""The orchestrator: each new story is judged, folded into its deal and its messages planned,
all in one transaction, so a crash never leaves a story recorded without its posts or vice versa.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from briefings.briefing import MessageKind
from briefings.config import Config
from briefings.deals import DealUpdate, apply_story
from briefings.models import Story, Verdict
from briefings.planning import FloodLimits, PlannedMessage, plan_messages
from briefings.store import deals as deal_store
from briefings.store import outbox, stories
from briefings.store.database import retrying_conflicts
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
    held_back: int = 0
    deals_touched: set[str] = field(default_factory=set)

    def add(self, other: IngestReport) -> None:
        self.seen += other.seen
        self.new += other.new
        self.relevant += other.relevant
        self.planned += other.planned
        self.held_back += other.held_back
        self.deals_touched |= other.deals_touched


class Pipeline:
    """Story -> Verdict -> Deal -> planned messages, against one database."""

    def __init__(self, sessions: sessionmaker[Session], config: Config, triage: Triage,
                 limits: FloodLimits | None = None) -> None:
        self._sessions = sessions
        self._config = config
        self._triage = triage
        self._limits = limits or FloodLimits()
        self._cycle_posts: Counter[tuple[str, str]] = Counter()
        self._story_posts: Counter[tuple[str, str]] = Counter()

    def ingest(self, batch: Iterable[Story], now: datetime,
               first_fetch_feeds: Collection[str] = ()) -> IngestReport:
        """Record each story not seen before, oldest first, so a rumour precedes its confirmation
        whatever feed each came from. A new feed's backlog is recorded but not announced."""
        report = IngestReport()
        self._cycle_posts = Counter()  # top-level posts per (feed, channel) in this batch
        cutoff = now - timedelta(hours=self._config.briefings.look_back_hours)
        for story in sorted(batch, key=lambda s: (s.published, s.id)):
            report.seen += 1
            announce = story.feed not in first_fetch_feeds or story.published >= cutoff
            report.add(self._ingest(story, now, announce=announce))
        return report

    def _ingest(self, story: Story, now: datetime, *, announce: bool) -> IngestReport:
        """One story in one transaction. A concurrent poll may store the same story or open the
        same deal first; the unique keys stop this writer, which then tries once more and
        reads what the other wrote (the story is known, or the deal exists to fold into).
        The story's posts count towards the flood cap once, for the attempt that committed."""
        report = retrying_conflicts(
            self._sessions, lambda session: self._ingest_one(session, story, now,
                                                             announce=announce))
        self._cycle_posts += self._story_posts
        return report

    def _ingest_one(self, session: Session, story: Story, now: datetime, *, announce: bool
                    ) -> IngestReport:
        self._story_posts = Counter()  # a retried attempt plans afresh, so it counts afresh
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
        key = verdict.deal_key or assign_deal_key(
            verdict, story, deal_store.candidates(session, verdict.parties))
        verdict = replace(verdict, deal_key=key)
        update = apply_story(deal_store.get_deal(session, key), story, verdict)
        deal_store.save_deal(session, update.deal)
        if update.change is not None:
            deal_store.add_status_change(session, key, update.change)
        report.relevant += 1
        report.deals_touched.add(key)
        if announce:
            self._plan(session, update, story, verdict, now, report)
        return verdict

    def _plan(self, session: Session, update: DealUpdate, story: Story, verdict: Verdict,
              now: datetime, report: IngestReport) -> None:
        threaded = outbox.threaded_channels(session, update.deal.key)
        for message in plan_messages(update, story, verdict, self._config.briefings.channels,
                                     threaded):
            held_back = self._held_back(session, message, story.feed, now)
            added = outbox.enqueue(session, message, now, held_back=held_back)
            if added and held_back:
                log.warning("held back %s for %s: %s", message.idem_key, message.channel,
                            held_back)
                report.held_back += 1
            elif added:
                report.planned += 1

    def _held_back(self, session: Session, message: PlannedMessage, feed: str,
                   now: datetime) -> str | None:
        """The flood cap's reason to hold back a top-level post; counts the post if it may go."""
        if message.kind is not MessageKind.NEW_DEAL:
            return None
        last_hour = outbox.top_level_posts_since(session, message.channel,
                                                 now - timedelta(hours=1))
        key = feed, message.channel
        reason = self._limits.hold_back(self._cycle_posts[key] + self._story_posts[key], last_hour)
        if reason is None:
            self._story_posts[key] += 1
        return reason
