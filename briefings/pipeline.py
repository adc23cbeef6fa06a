"""The orchestrator: each new story is judged, then folded into its deal and its messages planned
in the transaction that records it, so a crash never leaves a story recorded without its posts
or vice versa.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from briefings.briefing import MessageKind
from briefings.config import Config
from briefings.deals import DealUpdate, apply_story
from briefings.errors import WriteConflict
from briefings.follow_dms import plan_follow_dms
from briefings.models import Story, Verdict
from briefings.planning import FloodLimits, PlannedMessage, plan_messages
from briefings.store import deals as deal_store
from briefings.store import outbox, rollups, stories
from briefings.store.database import retrying_conflicts, transaction
from briefings.store.stories import NewStory
from briefings.triage import Triage
from briefings.triage.grouping import assign_deal_key

log = logging.getLogger(__name__)
STORIES_PER_TRANSACTION = 200
Judged = tuple[Story, Verdict]


@dataclass
class IngestReport:
    """What one batch of stories did; for a poll cycle, also how its feeds answered."""

    seen: int = 0
    new: int = 0
    relevant: int = 0
    planned: int = 0
    held_back: int = 0
    rollups: int = 0  # channels told in one message what the flood caps held back
    deals_touched: set[str] = field(default_factory=set)
    feeds: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0

    def add(self, other: IngestReport) -> None:
        self.seen += other.seen
        self.new += other.new
        self.relevant += other.relevant
        self.planned += other.planned
        self.held_back += other.held_back
        self.rollups += other.rollups
        self.deals_touched |= other.deals_touched
        self.feeds += other.feeds
        self.feeds_unchanged += other.feeds_unchanged
        self.feeds_failed += other.feeds_failed


class Pipeline:
    """Story -> Verdict -> Deal -> planned messages, against one database."""

    def __init__(self, sessions: sessionmaker[Session], config: Config, triage: Triage,
                 limits: FloodLimits | None = None) -> None:
        self._sessions = sessions
        self._config = config
        self._triage = triage
        self._limits = limits or FloodLimits()
        self._cycle_posts: Counter[tuple[str, str]] = Counter()
        self._run_posts: Counter[tuple[str, str]] = Counter()  # this attempt's, till it commits

    def judge(self, stories: Iterable[Story]) -> list[Judged]:
        """Each story with its verdict. Triage is pure and needs no database, so a poll cycle
        judges each feed's stories as soon as they are parsed, while other feeds download."""
        return [(story, self._triage.judge(story)) for story in stories]

    def ingest(self, batch: Iterable[Story], now: datetime,
               first_fetch_feeds: Collection[str] = ()) -> IngestReport:
        """Judge the stories, then `store` them."""
        return self.store(self.judge(batch), now, first_fetch_feeds)

    def store(self, judged: Iterable[Judged], now: datetime,
              first_fetch_feeds: Collection[str] = ()) -> IngestReport:
        """Record each story not seen before, oldest first, so a rumour precedes its confirmation
        whatever feed each came from. A new feed's backlog is recorded but not announced.

        Stories go in runs of `STORIES_PER_TRANSACTION`, one transaction each: a commit per
        story cost most of a poll cycle's ingest. A crash loses nothing either way, since feeds
        record their validators only after their stories.

        A call is a poll cycle: once all its runs are in, each channel whose new-deal posts
        the flood caps held back gets one roll-up listing them (and any a crash kept from an
        earlier cycle's roll-up)."""
        report = IngestReport()
        self._cycle_posts = Counter()  # top-level posts per (feed, channel) in this batch
        cutoff = now - timedelta(hours=self._config.briefings.look_back_hours)
        entries = [NewStory(story, verdict,
                            story.feed not in first_fetch_feeds or story.published >= cutoff)
                   for story, verdict in sorted(judged, key=lambda j: (j[0].published, j[0].id))]
        for start in range(0, len(entries), STORIES_PER_TRANSACTION):
            report.add(self._store_run(entries[start:start + STORIES_PER_TRANSACTION], now))
        report.rollups = retrying_conflicts(
            self._sessions, lambda session: rollups.plan_rollups(session, now))
        return report

    def _store_run(self, run: Sequence[NewStory], now: datetime) -> IngestReport:
        """A run of stories in one transaction. A concurrent poll may store the same story or
        open the same deal first; the unique keys stop this writer, which rolls the run back and
        stores it one story at a time instead."""
        try:
            return self._in_transaction(run, now)
        except WriteConflict as exc:
            log.info("a concurrent writer got there first; storing one story at a time: %s",
                     str(exc)[:200])
        report = IngestReport()
        for entry in run:
            report.add(self._store_alone(entry, now))
        return report

    def _store_alone(self, entry: NewStory, now: datetime) -> IngestReport:
        """One story in its own transaction; on a conflict, once more in a fresh one, which
        reads what the other writer wrote (the story is known, or the deal exists to fold into)."""
        try:
            return self._in_transaction([entry], now)
        except WriteConflict as exc:
            log.info("a concurrent writer got there first; trying again: %s", str(exc)[:200])
            return self._in_transaction([entry], now)

    def _in_transaction(self, run: Sequence[NewStory], now: datetime) -> IngestReport:
        """Store `run` in one transaction. Its posts count towards the flood cap once it has
        committed, so an attempt rolled back and tried again counts them once."""
        self._run_posts = Counter()
        with transaction(self._sessions) as session:
            report = self._store_new(session, run, now)
        self._cycle_posts += self._run_posts
        return report

    def _store_new(self, session: Session, run: Sequence[NewStory], now: datetime
                   ) -> IngestReport:
        """Fold the run's new stories into their deals and plan their messages, one by one in
        order, then record them all in one statement."""
        report = IngestReport(seen=len(run))
        unseen = stories.Unseen(session, [entry.story for entry in run])
        new = [entry for entry in run if unseen.claim(entry.story)]
        for index, entry in enumerate(new):
            if entry.verdict.relevant:
                verdict = self._fold_into_deal(session, entry, now, report)
                new[index] = replace(entry, verdict=verdict)
        stories.add_stories(session, new)
        report.new = len(new)
        return report

    def _fold_into_deal(self, session: Session, entry: NewStory, now: datetime,
                        report: IngestReport) -> Verdict:
        """The story's deal updated and its messages planned; returns the verdict with its
        deal's key (a deal a person merged into another is followed to the one it lives on in)."""
        story, verdict = entry.story, entry.verdict
        key = verdict.deal_key or assign_deal_key(
            verdict, story, deal_store.candidates(session, verdict.parties))
        # locked, so a person's correction or merge of the deal at the same moment is read,
        # not lost
        current = deal_store.lock_live_deal(session, key)
        key = current.key if current is not None else key
        verdict = replace(verdict, deal_key=key)
        update = apply_story(current, story, verdict)
        deal_store.save_deal(session, update.deal)
        if update.change is not None:
            deal_store.add_status_change(session, key, update.change)
        report.relevant += 1
        report.deals_touched.add(key)
        if entry.announce and not update.deal.hidden:  # hidden: a person said not a deal
            self._plan(session, update, story, verdict, now, report)
            report.planned += plan_follow_dms(session, update.deal, update.previous,
                                              update.is_new, now)
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
        reason = self._limits.hold_back(self._cycle_posts[key] + self._run_posts[key], last_hour)
        if reason is None:
            self._run_posts[key] += 1
        return reason
