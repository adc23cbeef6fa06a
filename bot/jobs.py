"""The clock's periodic jobs. Each asks the injected clock for `now` and is idempotent per period,
so APScheduler only decides when to try: the database decides whether there is work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner
from briefings.config import FeedConfig
from briefings.cycle import run_poll_cycle
from briefings.digest_window import DigestSchedule, IsoWeek, due_week
from briefings.errors import StoreError
from briefings.feeds.fetch import Fetcher
from briefings.pipeline import Pipeline
from briefings.store import job_runs
from briefings.store.database import transaction
from briefings.store.retention import prune_stories

log = logging.getLogger(__name__)

ON_TIME_GRACE = timedelta(minutes=15)  # a scheduled fire this late still counts as on time
LEDGER_KEEP = timedelta(days=7)
Clock = Callable[[], datetime]


def period_of(now: datetime, interval: timedelta) -> str:
    """The interval-aligned UTC period containing `now`, e.g. `15m@2026-11-24T07:15Z`."""
    step = int(interval.total_seconds())
    start = datetime.fromtimestamp(int(now.timestamp()) // step * step, UTC)
    return f"{step // 60}m@{start:%Y-%m-%dT%H:%MZ}"


class DigestJob:
    """Queues the digest that is due, if any; safe to call at any time, any number of times."""

    def __init__(self, planner: DigestPlanner, schedule: DigestSchedule, catch_up: timedelta,
                 clock: Clock) -> None:
        self._planner = planner
        self._schedule = schedule
        self._catch_up = catch_up
        self._clock = clock

    def on_schedule(self) -> IsoWeek | None:
        """The cron fire: the digest just fell due."""
        return self._run(max(self._catch_up, ON_TIME_GRACE))

    def catch_up(self) -> IsoWeek | None:
        """At start-up and periodically: post a missed digest while within `catch_up_hours`."""
        return self._run(self._catch_up)

    def _run(self, tolerance: timedelta) -> IsoWeek | None:
        now = self._clock()
        week = due_week(self._schedule, now, tolerance)
        if week is None:
            return None
        try:
            planned = self._planner.plan(week, now)
        except StoreError as exc:  # e.g. another clock recorded the same week first
            log.warning("digest %s not planned this time: %s", week, exc)
            return None
        log.info("digest %s: %s", week, planned or "no digest channels configured")
        return week


class RetentionJob:
    """Once a day (UTC date as the period), prune stories older than `retention_days`."""

    def __init__(self, sessions: sessionmaker[Session], days: int, clock: Clock) -> None:
        self._sessions = sessions
        self._keep = timedelta(days=days)
        self._clock = clock

    def __call__(self) -> int | None:
        now = self._clock()
        period = f"{now:%Y-%m-%d}"
        with transaction(self._sessions) as session:
            if not job_runs.claim(session, "retention", period, now, timedelta(hours=1)):
                return None
            pruned = prune_stories(session, now - self._keep)
            job_runs.finish(session, "retention", period, now)
        log.info("retention %s: pruned %d stories older than %s", period, pruned, self._keep)
        return pruned


class PollJob:
    """One poll cycle per interval-aligned period (the ledger skips a period that already ran),
    then delivery of what it planned. Every cycle uses the one `fetcher` (closed by its owner),
    so its connections and worker threads last as long as the clock. Setting `stop` (SIGTERM)
    cuts a cycle short: the feeds not fetched yet stay due, and the period is given back, so
    the clock that starts next polls them at once rather than a period later."""

    def __init__(self, sessions: sessionmaker[Session], pipeline: Pipeline,
                 feeds: tuple[FeedConfig, ...], fetcher: Fetcher, deliverer: Deliverer,
                 clock: Clock, look_back_hours: int | None = None,
                 stop: threading.Event | None = None) -> None:
        self._sessions = sessions
        self._pipeline = pipeline
        self._feeds = feeds
        self._fetcher = fetcher
        self._deliverer = deliverer
        self._clock = clock
        self._look_back_hours = look_back_hours
        self._stop = stop
        self.interval = timedelta(minutes=min((f.poll_minutes for f in feeds), default=15))

    def __call__(self) -> bool:
        if self._stopping():
            return False
        now = self._clock()
        period = period_of(now, self.interval)
        with transaction(self._sessions) as session:
            if not job_runs.claim(session, "poll", period, now, stale_after=self.interval):
                return False
        started = time.monotonic()
        report = run_poll_cycle(self._sessions, self._fetcher, self._pipeline, self._feeds, now,
                                look_back_hours=self._look_back_hours, stop=self._stop)
        took = time.monotonic() - started
        with transaction(self._sessions) as session:
            if self._stopping():
                job_runs.release(session, "poll", period)
            else:
                job_runs.finish(session, "poll", period, self._clock())
            job_runs.prune(session, "poll", now - LEDGER_KEEP)
        log.info("poll %s: %d feeds fetched (%d unchanged, %d failed), %d new stories, "
                 "%d relevant, %d messages planned, %d held back, in %.1f s", period,
                 report.feeds, report.feeds_unchanged, report.feeds_failed, report.new,
                 report.relevant, report.planned, report.held_back, took)
        self._deliverer.deliver_due()
        return True

    def _stopping(self) -> bool:
        return self._stop is not None and self._stop.is_set()
